package com.aftersales.warranty;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Who pays for service on a unit on a date. */
@Path("/api/v1/units/{serialNo}/entitlement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "warranty")
public class EntitlementResource {

    @Inject
    Entitlements entitlements;

    @GET
    @AnyRole
    @Operation(summary = "Who pays on a date: FREE_WARRANTY, SERVICE_CONTRACT or CHARGEABLE, until when, and why")
    public EntitlementView entitlement(@PathParam("serialNo") String serialNo, @QueryParam("date") String date,
                                       @QueryParam("mileageKm") String mileageKm,
                                       @QueryParam("operatingHours") String hours,
                                       @Context HttpHeaders headers) {
        return entitlements.lookUp(SerialNo.of(serialNo), Params.dateParam("date", date),
                Params.intParam("mileageKm", mileageKm, 0, 10_000_000),
                Params.intParam("operatingHours", hours, 0, 1_000_000),
                Messages.choose(headers.getAcceptableLanguages()));
    }
}
