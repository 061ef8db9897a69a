package com.aftersales.cases;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * What a service station's account works with (服务站): the visits assigned to its station, their documents and the
 * fees it submits for them, with their verification. Another station's visit, or a visit of no station, is 404.
 */
@Path("/api/v1/station/visits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "stations")
@RolesAllowed(Roles.SERVICE_STATION)
public class StationResource {

    @Inject
    FieldVisits visits;

    @Inject
    CaseCosts costs;

    @Inject
    CaseAttachments attachments;

    @GET
    @Operation(summary = "The visits assigned to the caller's station (StationVisitView: case number, customer, site, "
            + "units; never the trip, internal notes or costs)")
    public FieldVisits.StationVisitPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return visits.stationList(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{visitId}")
    @Operation(summary = "One visit assigned to the caller's station")
    public FieldVisits.StationVisitView get(@PathParam("visitId") String visitId) {
        return visits.stationGet(Params.uuid("field-visit", visitId));
    }

    @GET
    @Path("{visitId}/fees")
    @Operation(summary = "The fee lines the station submitted for the visit, with their verification (SUBMITTED, "
            + "VERIFIED, REJECTED with the comment)")
    public CaseCosts.StationCostPage fees(@PathParam("visitId") String visitId, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        return costs.stationList(Params.uuid("field-visit", visitId), PageRequest.of(limit, cursor));
    }

    @POST
    @Path("{visitId}/fees")
    @Idempotent
    @Operation(summary = "Submit a fee for the visit (CNY, exact to the fen) with the quantities the station's rate card "
            + "prices and the documents uploaded for the visit; SUBMITTED for the after-sales manager's verification. "
            + "On a closed case accepted up to AFTERSALES_CASES_STATION_FEE_WINDOW_DAYS after the day it closed (409 "
            + "cost_case_finished after it, and on a rejected case)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseCosts.StationCostView.class)))
    public Response submit(@PathParam("visitId") String visitId, CaseCosts.StationFeeRequest request) {
        CaseCosts.StationCostView view = costs.submitStationFee(Params.uuid("field-visit", visitId), request);
        return Response.created(URI.create("/api/v1/station/visits/" + view.visitId() + "/fees")).entity(view).build();
    }

    @POST
    @Path("{visitId}/attachments")
    @Idempotent
    @Operation(summary = "Announce a document of the visit (name, type, size): returns the URL to PUT the bytes to, "
            + "valid for minutes; an attachment of the visit's case, checked and counted as any")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseAttachments.AttachmentView.class)))
    public Response attach(@PathParam("visitId") String visitId, CaseAttachments.AttachRequest request) {
        CaseAttachments.AttachmentView view = attachments.stationAttach(Params.uuid("field-visit", visitId), request);
        return Response.created(URI.create("/api/v1/station/visits/" + view.visitId() + "/attachments/" + view.id()))
                .entity(view).build();
    }

    @POST
    @Path("{visitId}/attachments/{attachmentId}/confirmation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm the upload of a document of the visit: the stored size must be the announced one")
    public CaseAttachments.AttachmentView confirm(@PathParam("visitId") String visitId,
                                                  @PathParam("attachmentId") String attachmentId) {
        return attachments.stationConfirm(Params.uuid("field-visit", visitId), Params.uuid("attachment", attachmentId));
    }
}
