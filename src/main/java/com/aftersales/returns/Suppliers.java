package com.aftersales.returns;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.web.Text;
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
import java.util.UUID;

/** Registers and amends suppliers (internal records: staff only); verdicts and debit notes name them. */
@ApplicationScoped
@Transactional
public class Suppliers {

    static final String AUDIT_TYPE = "supplier";

    @Inject
    SupplierRepository suppliers;

    @Inject
    AuditTrail audit;

    public SupplierView register(@NotNull @Valid SupplierRequest request) {
        String code = request.code().toUpperCase(Locale.ROOT);
        if (suppliers.count("code", code) > 0) {
            throw new ProblemException(409, "supplier_code_taken", code);
        }
        Supplier supplier = new Supplier();
        supplier.id = UUID.randomUUID();
        apply(supplier, request, code);
        suppliers.persistAndFlush(supplier);
        SupplierView view = SupplierView.of(supplier);
        audit.record(AUDIT_TYPE, supplier.id, "CREATE", null, view);
        return view;
    }

    public SupplierView amend(@NotNull UUID id, long expectedVersion, @NotNull @Valid SupplierRequest request) {
        Supplier supplier = supplier(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(supplier.version, expectedVersion);
        SupplierView before = SupplierView.of(supplier);
        String code = request.code().toUpperCase(Locale.ROOT);
        if (!code.equals(supplier.code) && suppliers.count("code = ?1 and id <> ?2", code, id) > 0) {
            throw new ProblemException(409, "supplier_code_taken", code);
        }
        apply(supplier, request, code);
        suppliers.flush();
        SupplierView after = SupplierView.of(supplier);
        audit.record(AUDIT_TYPE, id, "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SupplierView get(UUID id) {
        return SupplierView.of(supplier(id, LockModeType.NONE));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SupplierView> list(String text, Boolean active, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (text != null && !text.isBlank()) {
            where.add("(lower(name) like :text or lower(code) like :text)");
            params.and("text", "%" + Text.likeLiteral(text.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (active != null) {
            where.add("active = :active");
            params.and("active", active);
        }
        if (page.after() != null) {
            where.add("code > :after");
            params.and("after", page.after());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by code";
        List<Supplier> rows = suppliers.find(query, params).page(0, page.fetchSize()).list();
        return page.page(rows, s -> s.code, SupplierView::of);
    }

    /** The active suppliers with these codes (upper-cased), by the code as given; unknown or inactive ones are left out. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Map<String, Supplier> activeByCode(Collection<String> codes) {
        Map<String, Supplier> found = new HashMap<>();
        List<String> upper = codes.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).distinct().toList();
        if (!upper.isEmpty()) {
            Map<String, Supplier> byCode = new HashMap<>();
            suppliers.list("code in ?1 and active = true", upper).forEach(s -> byCode.put(s.code, s));
            codes.forEach(c -> {
                Supplier s = byCode.get(c.strip().toUpperCase(Locale.ROOT));
                if (s != null) {
                    found.put(c, s);
                }
            });
        }
        return found;
    }

    /** Suppliers by id (for views of verdicts and debit notes). */
    @Transactional(Transactional.TxType.SUPPORTS)
    Map<UUID, Supplier> byIds(Collection<UUID> ids) {
        Map<UUID, Supplier> found = new HashMap<>();
        if (!ids.isEmpty()) {
            suppliers.list("id in ?1", ids).forEach(s -> found.put(s.id, s));
        }
        return found;
    }

    private Supplier supplier(UUID id, LockModeType lock) {
        return suppliers.findByIdOptional(id, lock).orElseThrow(() -> ProblemException.notFound("supplier", id));
    }

    private static void apply(Supplier supplier, SupplierRequest request, String code) {
        supplier.code = code;
        supplier.name = request.name().strip();
        supplier.contacts = request.contacts() == null ? new ArrayList<>() : new ArrayList<>(request.contacts());
        supplier.active = request.active() == null || request.active();
    }
}
