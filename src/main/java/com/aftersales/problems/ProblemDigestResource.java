package com.aftersales.problems;

import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Department subscribers, issued digests and their read acknowledgements. */
@Path("/api/v1/problem-digests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "problems")
public class ProblemDigestResource {

    @Inject
    ProblemDigests digests;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Issue the digest of a department for the period since a moment (the weekly job does the same)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemDigests.DigestView.class)))
    public Response issue(ProblemDigests.IssueRequest request) {
        ProblemDigests.DigestView view = digests.issue(request);
        return Response.created(URI.create("/api/v1/problem-digests/" + view.id())).entity(view).build();
    }

    @GET
    @Path("{id}")
    @AnyStaff
    @Operation(summary = "One digest with its problems")
    public ProblemDigests.DigestView get(@PathParam("id") String id) {
        return digests.get(Params.uuid("problem-digest", id));
    }

    @POST
    @Path("{id}/acknowledgement")
    @Consumes(MediaType.WILDCARD)
    @AnyStaff
    @Operation(summary = "I have read this digest (subscribers of its department only)")
    public ProblemDigests.Ack acknowledge(@PathParam("id") String id) {
        return digests.acknowledge(Params.uuid("problem-digest", id));
    }

    @GET
    @Path("{id}/acknowledgements")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Who has read the digest and who has not (overdue after overdueAfterDays, default 7)")
    public ProblemDigests.Acknowledgements acknowledgements(@PathParam("id") String id,
                                                           @QueryParam("overdueAfterDays") String days) {
        Integer n = Params.intParam("overdueAfterDays", days, 0, 365);
        return digests.acknowledgements(Params.uuid("problem-digest", id), Duration.ofDays(n == null ? 7 : n));
    }

    @GET
    @Path("scopes")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER, Roles.ENGINEER})
    @Operation(summary = "What each department's digest holds (product lines, models, failure-mode keywords); a department "
            + "without a scope gets every problem")
    public List<ProblemDigests.ScopeView> scopes(@QueryParam("department") String department) {
        return digests.scopes(Params.enumParam("department", department, Department.class));
    }

    @PUT
    @Path("scopes")
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Set what a department's digest holds: problems of any of these product lines, models and "
            + "failure-mode keywords (an empty list matches all); If-None-Match: * for the first scope, If-Match after. "
            + "The weekly digest holds only matching problems and is not issued when nothing matches")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemDigests.ScopeView.class)))
    public Response scope(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, ProblemDigests.ScopeRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        ProblemDigests.ScopeView view = digests.scope(request, precondition);
        return Versions.ok(view, view.version());
    }

    @GET
    @Path("subscribers")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER, Roles.ENGINEER})
    @Operation(summary = "Subscribers of the digest, per department")
    public List<ProblemDigests.SubscriberView> subscribers(@QueryParam("department") String department) {
        return digests.subscribers(Params.enumParam("department", department, Department.class));
    }

    @PUT
    @Path("subscribers")
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Subscribe a person (token subject) of a department to its digest (If-None-Match: *), or change "
            + "the subscription (If-Match with its version)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemDigests.SubscriberView.class)))
    public Response subscribe(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                              ProblemDigests.SubscriberRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        ProblemDigests.SubscriberView view = digests.subscribe(request, precondition);
        return Versions.ok(view, view.version());
    }

    @DELETE
    @Path("subscribers/{department}/{subscriber}")
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Unsubscribe a person (If-Match with the subscription's version)")
    @APIResponse(responseCode = "204", description = "No Content")
    public Response unsubscribe(@PathParam("department") String department, @PathParam("subscriber") String subscriber,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        digests.unsubscribe(Params.enumParam("department", department, Department.class), subscriber, expected);
        return Response.noContent().build();
    }
}
