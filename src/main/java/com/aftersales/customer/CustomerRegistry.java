package com.aftersales.customer;

import com.aftersales.shared.web.Text;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers and amends customers; a customer account sees only itself. Other areas ask it what they need to know of a
 * customer and get views, never the entity.
 */
@ApplicationScoped
@Transactional
public class CustomerRegistry {

    static final String AUDIT_TYPE = "customer";

    @Inject
    CustomerRepository customers;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    public CustomerView register(@NotNull @Valid CustomerRequest request) {
        String code = request.code().toUpperCase(Locale.ROOT);
        if (customers.count("code", code) > 0) {
            throw new ProblemException(409, "customer_code_taken", code);
        }
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        apply(customer, request, code);
        customers.persistAndFlush(customer);
        CustomerView view = CustomerView.of(customer);
        audit.record(AUDIT_TYPE, customer.id, "CREATE", null, view);
        return view;
    }

    public CustomerView amend(@NotNull UUID id, long expectedVersion, @NotNull @Valid CustomerRequest request) {
        Customer customer = customer(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(customer.version, expectedVersion);
        CustomerView before = CustomerView.of(customer);
        String code = request.code().toUpperCase(Locale.ROOT);
        if (!code.equals(customer.code) && customers.count("code = ?1 and id <> ?2", code, id) > 0) {
            throw new ProblemException(409, "customer_code_taken", code);
        }
        apply(customer, request, code);
        customers.flush();
        CustomerView after = CustomerView.of(customer);
        audit.record(AUDIT_TYPE, id, "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerView get(UUID id) {
        return CustomerView.of(customer(id, LockModeType.NONE));
    }

    /**
     * The customer if the caller may see it; 404 otherwise (another customer's record does not exist for them). A
     * PESSIMISTIC_WRITE lock serialises changes to records that belong to the customer (its warranty terms).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerView visible(UUID id, LockModeType lock) {
        return CustomerView.of(customer(id, lock));
    }

    /** The ids of the customers with these codes (exactly as given; unknown codes are left out). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, UUID> idsByCode(Collection<String> codes) {
        Map<String, UUID> ids = new HashMap<>();
        if (!codes.isEmpty()) {
            customers.list("code in ?1", codes).forEach(c -> ids.put(c.code, c.id));
        }
        return ids;
    }

    /** True when a customer of type SERVICE_STATION has this id (a visit's station, a rate card's owner). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isServiceStation(UUID id) {
        return id != null && customers.count("id = ?1 and type = ?2", id, CustomerType.SERVICE_STATION) > 0;
    }

    private Customer customer(UUID id, LockModeType lock) {
        Optional<Customer> found = caller.maySee(id) ? customers.findByIdOptional(id, lock) : Optional.empty();
        return found.orElseThrow(() -> ProblemException.notFound("customer", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CustomerView> list(String text, CustomerType type, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        caller.customerScope().ifPresent(scope -> {
            where.add("id = :scope");
            params.and("scope", scope);
        });
        if (text != null && !text.isBlank()) {
            where.add("(lower(name) like :text or lower(code) like :text)");
            params.and("text", "%" + Text.likeLiteral(text.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (type != null) {
            where.add("type = :type");
            params.and("type", type);
        }
        if (page.after() != null) {
            where.add("code > :after");
            params.and("after", page.after());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by code";
        List<Customer> rows = customers.find(query, params).page(0, page.fetchSize()).list();
        return page.page(rows, c -> c.code, CustomerView::of);
    }

    private static void apply(Customer customer, CustomerRequest request, String code) {
        customer.code = code;
        customer.name = request.name().trim();
        customer.type = request.type();
        customer.contacts = request.contacts() == null ? new ArrayList<>() : new ArrayList<>(request.contacts());
    }
}
