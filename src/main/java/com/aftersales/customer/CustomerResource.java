package com.aftersales.customer;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
public class CustomerResource {


    @Inject
    CustomerRegistry customers;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Register a customer (OEM, fleet, dealer, end user, service station)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Response register(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerRequest.class), examples = @ExampleObject(name = "zh-CN", summary = "一家客车主机厂及其售后联系人",
            value = "{\"code\":\"XM-BUS\",\"name\":\"厦门某客车有限公司\",\"type\":\"OEM\",\"contacts\":[{\"name\":\"王工\",\"position\":\"售后经理\",\"phone\":\"+86 592 1234 5678\",\"email\":\"wang.gong@example.com\",\"language\":\"zh-CN\"}]}"))) CustomerRequest request) {
        CustomerView created = customers.register(request);
        return Response.created(URI.create("/api/v1/customers/" + created.id()))
                .header(HttpHeaders.ETAG, Versions.etag(created.version()))
                .entity(created).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "List customers by code (a customer account sees only itself)")
    public Page<CustomerView> list(@QueryParam("q") String text, @QueryParam("type") @Parameter(schema = @Schema(implementation = CustomerType.class)) String type,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return customers.list(text, Params.enumParam("type", type, CustomerType.class), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @AnyRole
    @Operation(summary = "One customer")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Response get(@PathParam("id") String id) {
        CustomerView view = customers.get(Params.uuid("customer", id));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Amend a customer (If-Match: the ETag you read)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Response amend(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          CustomerRequest request) {
        long expected = Versions.required(ifMatch);
        CustomerView view = customers.amend(Params.uuid("customer", id), expected, request);
        return Versions.ok(view, view.version());
    }
}
