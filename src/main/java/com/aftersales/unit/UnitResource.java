package com.aftersales.unit;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.upload.Upload;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units")
public class UnitResource {

    @Inject
    UnitRegistry units;

    @Inject
    UnitImport unitImport;

    @Inject
    SoftwareVersions software;

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Register a delivered unit (产品履历表); a second unit with the same serial is 409")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "404", description = "The customerId names no customer")
    public Response register(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UnitRequest.class), examples = @ExampleObject(name = "zh-CN", summary = "一台交付给客车厂的驱动电机（产品履历表的一行）",
            value = "{\"serialNo\":\"GY2024030512\",\"productModel\":\"TZ366XS-LKM\",\"productLine\":\"COMMERCIAL_VEHICLE\",\"productionDate\":\"2024-02-20\",\"batchNo\":\"B2402-07\",\"customerId\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"endCustomer\":\"厦门公交集团\",\"vin\":\"LGHXCAE28R1234567\",\"deliveryDate\":\"2024-03-05\",\"firstSaleDate\":\"2024-03-20\"}"))) UnitRequest request) {
        UnitView created = units.register(request);
        return Response.created(URI.create("/api/v1/units/" + URLEncoder.encode(created.serialNo(), StandardCharsets.UTF_8)))
                .header(HttpHeaders.ETAG, Versions.etag(created.version()))
                .entity(created).build();
    }

    @POST
    @Path("import")
    @Idempotent
    @Consumes({Upload.CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Upload.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Import delivered units from CSV (UTF-8 or GB18030/GBK) or the first sheet of an .xlsx workbook, Chinese or "
            + "English headers; all or nothing, each bad row reported with its line (sheet row)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitImport.Result.class)))
    public Response importCsv(byte[] csv) {
        return Response.ok(unitImport.importCsv(csv)).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "List units by serial (filters: customerId, productLine, model, serial prefix)")
    public Page<UnitView> list(@QueryParam("customerId") String customerId, @QueryParam("productLine") String line,
                               @QueryParam("model") String model, @QueryParam("serialPrefix") String prefix,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return units.list(customerId == null || customerId.isBlank() ? null : Params.uuid("customer", customerId),
                Params.enumParam("productLine", line, ProductLine.class), model, prefix, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{serialNo}")
    @AnyRole
    @Operation(summary = "One unit's record by steel-stamp number (normalised: case and full-width characters do not matter)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    public Response get(@PathParam("serialNo") String serialNo) {
        UnitView view = units.get(SerialNo.of(serialNo));
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{serialNo}/software-updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER,
            Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Record a software/firmware update of one component of the unit (If-Match: the unit's ETag; "
            + "the unit's ETag moves on): new version, when (not in the future), source (FACTORY, SERVICE_VISIT, OTA, "
            + "RECALL_REMEDY, IMPORT) and optionally the case, visit or recall campaign it was done under")
    @APIResponse(responseCode = "200", description = "The unit with its current versions", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit (or another customer's)")
    public Response recordSoftwareUpdate(@PathParam("serialNo") String serialNo, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                         @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                                 schema = @Schema(implementation = SoftwareVersions.UpdateRequest.class),
                                                 examples = @ExampleObject(name = "zh-CN", summary = "服务时刷写控制器固件",
                                                         value = "{\"component\":\"MCU\",\"version\":\"1.5.0\",\"updatedAt\":\"2026-11-20T10:30:00+08:00\",\"source\":\"SERVICE_VISIT\"}")))
                                         SoftwareVersions.UpdateRequest request) {
        long expected = Versions.required(ifMatch);
        SerialNo serial = SerialNo.of(serialNo);
        software.record(serial, expected, request);
        UnitView view = units.get(serial);
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{serialNo}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Correct a unit's record (If-Match: the ETag you read; the serial cannot change)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    public Response amend(@PathParam("serialNo") String serialNo, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          UnitRequest request) {
        long expected = Versions.required(ifMatch);
        UnitView view = units.amend(SerialNo.of(serialNo), expected, request);
        return Versions.ok(view, view.version());
    }
}
