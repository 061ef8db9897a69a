package com.aftersales.returns;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Suppliers of purchased parts: internal records (staff only) that verdicts and debit notes name. */
@Path("/api/v1/suppliers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "suppliers")
public class SupplierResource {

    @Inject
    Suppliers suppliers;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Register a supplier of purchased parts (code unique, 409 supplier_code_taken)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierView.class)))
    public Response register(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SupplierRequest.class), examples = @ExampleObject(name = "zh-CN", summary = "一家轴承供应商及其质量联系人",
            value = "{\"code\":\"SUP-BEARING\",\"name\":\"某轴承有限公司\",\"contacts\":[{\"name\":\"李工\",\"position\":\"质量经理\",\"phone\":\"+86 21 1234 5678\",\"email\":\"li.gong@example.com\",\"language\":\"zh-CN\"}]}"))) SupplierRequest request) {
        SupplierView created = suppliers.register(request);
        return Response.created(URI.create("/api/v1/suppliers/" + created.id()))
                .header(HttpHeaders.ETAG, Versions.etag(created.version()))
                .entity(created).build();
    }

    @GET
    @AnyStaff
    @Operation(summary = "List suppliers by code (q: part of the code or name; active: true or false)")
    public Page<SupplierView> list(@QueryParam("q") String text, @QueryParam("active") String active,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return suppliers.list(text, Params.boolParam("active", active), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @AnyStaff
    @Operation(summary = "One supplier")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierView.class)))
    public Response get(@PathParam("id") String id) {
        SupplierView view = suppliers.get(Params.uuid("supplier", id));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Amend a supplier, or deactivate it (active=false: past verdicts and debit notes keep it, no new "
            + "verdict names it); If-Match: the ETag you read")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierView.class)))
    public Response amend(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          SupplierRequest request) {
        long expected = Versions.required(ifMatch);
        SupplierView view = suppliers.amend(Params.uuid("supplier", id), expected, request);
        return Versions.ok(view, view.version());
    }
}
