package com.aftersales.notify;

import com.aftersales.support.Api;
import com.aftersales.support.Jobs;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.CustomerBodies.contact;
import static com.aftersales.support.NotifyBodies.preferences;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, recipients: with the Cognito directory (here {@link FakeCognito}), a role notice goes to whoever holds the
 * role in the user pool when it is sent, not to whoever held it when they saved their preferences; a disabled or
 * removed user gets nothing.
 */
@QuarkusTest
@TestProfile(NoticeRecipientsTest.Directory.class)
class NoticeRecipientsTest {

    public static class Directory implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeCognito.class));
        }
    }

    @Inject
    MockMailbox mailbox;

    /** A warranty-expiry notice (addressed to SALES) for a new unit: its serial, after the sender has run. */
    String salesNotice() throws Exception {
        String serial = NoticeSenderTest.expiringUnit(NoticeSenderTest.customer(contact("无邮箱")));
        as("ADMIN").post("/api/v1/admin/jobs/warranty-expiry/runs").then().statusCode(200);
        // Other tests' notices wait too (a run dispatches the 500 oldest and delivers 100): concurrent runs until this
        // unit's notice is dispatched and each of its deliveries tried, rather than a number of runs that holds only
        // while the suite leaves few notices behind.
        String waiting = "select count(*) from notice n left join notice_delivery d on d.notice_id = n.id "
                + "and d.status = 'PENDING' and d.attempts = 0 where n.kind = 'WARRANTY_EXPIRY' "
                + "and n.payload ->> 'serialNo' = ?1 and (n.status = 'PENDING' or d.id is not null)";
        for (int round = 0; round == 0 || round < 20 && com.aftersales.support.Sql.count(waiting, serial) > 0; round++) {
            Jobs.fireConcurrently("notice-sender", 3);
        }
        assertThat(com.aftersales.support.Sql.count(waiting, serial)).isZero();
        return serial;
    }

    boolean mailed(String address, String serial) {
        return Optional.ofNullable(mailbox.getMailsSentTo(address)).orElse(List.of()).stream()
                .map(Mail::getSubject).anyMatch(s -> s.contains(serial));
    }

    @Test
    void roleNoticesFollowTheUserPoolWhenSentAndNotTheRolesSavedWithThePreferences() throws Exception {
        String demoted = Api.unique("sales.qian").toLowerCase();
        String promoted = Api.unique("repair.sun").toLowerCase();
        String disabled = Api.unique("sales.zhou").toLowerCase();
        String removed = Api.unique("sales.wu").toLowerCase();
        FakeCognito.USERS.put(demoted, new FakeCognito.User(demoted, true, Set.of("SALES"), null));
        FakeCognito.USERS.put(promoted, new FakeCognito.User(promoted, true, Set.of("REPAIR"), null));
        FakeCognito.USERS.put(disabled, new FakeCognito.User(disabled, true, Set.of("SALES"), null));
        FakeCognito.USERS.put(removed, new FakeCognito.User(removed, true, Set.of("SALES"), null));
        String[][] people = {{demoted, "SALES"}, {promoted, "REPAIR"}, {disabled, "SALES"}, {removed, "SALES"}};
        for (String[] person : people) {
            String address = person[0] + "@example.cn";
            asPerson(person[0], person[1]).header("If-None-Match", "*")
                    .body(preferences().email(address).emailEnabled(true).json())
                    .put(NoticeSenderTest.PREFERENCES).then().statusCode(200);
            NoticeSenderTest.confirm(mailbox, person[0], person[1], address);
        }
        // As saved: the three in SALES get the SALES notice, the one in REPAIR does not.
        String first = salesNotice();
        assertThat(mailed(demoted + "@example.cn", first)).isTrue();
        assertThat(mailed(disabled + "@example.cn", first)).isTrue();
        assertThat(mailed(removed + "@example.cn", first)).isTrue();
        assertThat(mailed(promoted + "@example.cn", first)).isFalse();

        // The admin changes the pool; nobody saves their preferences again.
        FakeCognito.USERS.put(demoted, new FakeCognito.User(demoted, true, Set.of("WAREHOUSE"), null));
        FakeCognito.USERS.put(promoted, new FakeCognito.User(promoted, true, Set.of("REPAIR", "SALES"), null));
        FakeCognito.USERS.put(disabled, new FakeCognito.User(disabled, false, Set.of("SALES"), null));
        FakeCognito.USERS.remove(removed);
        String second = salesNotice();
        assertThat(mailed(promoted + "@example.cn", second)).isTrue();
        assertThat(mailed(demoted + "@example.cn", second)).isFalse();
        assertThat(mailed(disabled + "@example.cn", second)).isFalse();
        assertThat(mailed(removed + "@example.cn", second)).isFalse();
    }
}
