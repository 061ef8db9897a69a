package com.aftersales.returns;

import com.aftersales.shared.ratelimit.ExpensiveReport;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Returned goods (RMA): authorise, receive, test, judge, dispose, re-test, restock, close; NTF rates. */
@Path("/api/v1/returns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "returns")
public class ReturnResource {

    @Inject
    Returns returns;

    @Inject
    NtfRates ntf;

    @Inject
    Caller caller;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Authorise a return on a case for some of its units")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response authorise(Returns.AuthoriseRequest request) {
        ReturnView view = returns.authorise(request);
        return Response.created(URI.create("/api/v1/returns/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "Returns by number (filters: caseId, status); a customer account: its own cases' returns as "
            + "CustomerReturnView (no costs, supplier, cause or tests)")
    @APIResponse(responseCode = "200", description = "Staff: ReturnPage; a customer account: CustomerReturnPage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {ReturnView.ReturnPage.class, CustomerReturnView.CustomerReturnPage.class})))
    public Response list(@QueryParam("caseId") String caseId, @QueryParam("status") @Parameter(schema = @Schema(implementation = ReturnOrder.Status.class)) String status,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID ofCase = caseId == null || caseId.isBlank() ? null : Params.uuid("case", caseId);
        ReturnOrder.Status wanted = Params.enumParam("status", status, ReturnOrder.Status.class);
        PageRequest page = PageRequest.of(limit, cursor);
        return Response.ok(caller.isCustomerAccount() ? returns.customerList(ofCase, wanted, page)
                : ReturnView.ReturnPage.of(returns.list(ofCase, wanted, page))).build();
    }

    @GET
    @ExpensiveReport
    @Path("ntf-rate")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.CUSTOMER})
    @Operation(summary = "NTF rate = NTF units ÷ judged units, by customer, model or month, judged between from and to")
    public List<NtfRates.Row> ntfRate(@QueryParam("groupBy") @Parameter(schema = @Schema(implementation = NtfRates.GroupBy.class)) String groupBy, @QueryParam("from") String from,
                                      @QueryParam("to") String to) {
        LocalDate start = Params.dateParam("from", from);
        LocalDate end = Params.dateParam("to", to);
        if (start == null || end == null || end.isBefore(start)) {
            throw ProblemException.badParameter("to", "returns.period");
        }
        NtfRates.GroupBy by = Params.enumParam("groupBy", groupBy, NtfRates.GroupBy.class);
        return ntf.rates(by == null ? NtfRates.GroupBy.CUSTOMER : by, start, end, caller.customerScope().orElse(null));
    }

    @GET
    @Path("{id}")
    @AnyRole
    @Operation(summary = "One return with its units, tests, verdicts, dispositions and cost shares (a customer account: "
            + "CustomerReturnView, without ETag)")
    @APIResponse(responseCode = "200", description = "Staff: ReturnView with its ETag; a customer account: CustomerReturnView",
            headers = @Header(name = "ETag", description = "Staff only"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {ReturnView.class, CustomerReturnView.class})))
    public Response get(@PathParam("id") String id) {
        UUID returnId = Params.uuid("return", id);
        if (caller.isCustomerAccount()) {
            return Response.ok(returns.customerGet(returnId)).build();
        }
        return withEtag(returns.get(returnId));
    }

    @POST
    @Path("{id}/receipt")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.WAREHOUSE)
    @Operation(summary = "The warehouse receives the returned goods (the case owner is told)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response receive(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.receive(Params.uuid("return", id), expected));
    }

    @POST
    @Path("{id}/tests")
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Record a test (conditions, measured values, reproduced?); retest=true after a repair")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response test(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         Returns.TestRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.test(Params.uuid("return", id), expected, request));
    }

    @POST
    @Path("{id}/verdict")
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Judge every unit: DEFECT_CONFIRMED with its cause (purchased part: supplier and share) or NTF")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response judge(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          Returns.JudgeRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.judge(Params.uuid("return", id), expected, request));
    }

    @POST
    @Path("{id}/disposition")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Repair (routed to repair group / production / trial workshop), replace (new unit), scrap or return")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response dispose(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            Returns.DisposeRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.dispose(Params.uuid("return", id), expected, request));
    }

    @POST
    @Path("{id}/restock")
    @RolesAllowed({Roles.WAREHOUSE, Roles.REPAIR})
    @Operation(summary = "Put a repaired unit back into stock (after a passed re-test)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response restock(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            Returns.RestockRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.restock(Params.uuid("return", id), expected, request));
    }

    @POST
    @Path("{id}/closure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Close the return once repaired units are restocked")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    public Response close(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(returns.close(Params.uuid("return", id), expected));
    }

    private static Response withEtag(ReturnView view) {
        return Versions.ok(view, view.version());
    }
}
