package com.aftersales.cases;

import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.unit.SerialNo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units/{serialNo}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units")
public class UnitHistoryResource {

    @Inject
    UnitHistory history;

    @GET
    @AnyRole
    @Operation(summary = "售后维修档案: the unit's cases, visits, costs, returns, recalls and software updates in time order")
    public Page<UnitHistory.Entry> history(@PathParam("serialNo") String serialNo, @QueryParam("limit") String limit,
                                           @QueryParam("cursor") String cursor) {
        return history.of(SerialNo.of(serialNo), PageRequest.of(limit, cursor));
    }
}
