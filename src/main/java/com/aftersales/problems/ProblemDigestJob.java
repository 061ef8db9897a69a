package com.aftersales.problems;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/**
 * The weekly problem-library digest per department: last week's new and changed problems, issued once per department
 * and week (unique period), with one inbox notice per subscriber; acknowledgements are tracked by the digest.
 */
@ApplicationScoped
public class ProblemDigestJob implements Job {

    @Inject
    ProblemDigests digests;

    @Override
    public String name() {
        return "problem-digest";
    }

    @Override
    public Result run(OffsetDateTime now) {
        ProblemDigests.WeeklyIssue issued = digests.issueWeekly(now);
        return new Result(issued.digests(), issued.notices(), 0, 0);
    }
}
