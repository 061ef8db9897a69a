package com.aftersales.unit;

import com.aftersales.shared.upload.Upload;
import com.aftersales.support.Api;
import com.aftersales.support.Sheet;
import com.aftersales.support.UnitBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class UnitResourceTest {

    static UnitBodies.Unit unit(String serial, String customerId) {
        return UnitBodies.unit(customerId).serialNo(serial).productModel("TM220 驱动电机").productionDate(LocalDate.of(2024, 1, 2))
                .batchNo("B1").endCustomer("郑州公交").deliveryDate(LocalDate.of(2024, 1, 15));
    }

    static String unitJson(String serial, String customerId) {
        return unit(serial, customerId).json();
    }

    @Test
    void registersAUnitAndFindsItByAnySpellingOfItsSerial() {
        String customer = Api.newCustomer(Api.unique("u"));
        String serial = Api.unique("TM");
        as("SALES").body(unitJson(" " + serial.toLowerCase() + " ", customer)).post("/api/v1/units")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/units/" + serial))
                .body("serialNo", equalTo(serial))
                .body("productLine", equalTo("COMMERCIAL_VEHICLE"));
        String fullWidth = Api.fullWidth(serial);
        as("REPAIR").get("/api/v1/units/" + fullWidth).then().statusCode(200).body("serialNo", equalTo(serial));
        // A second unit with the same serial, in any spelling, is a conflict.
        as("SALES").body(unitJson(fullWidth, customer)).post("/api/v1/units")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:unit_exists"));
    }

    @Test
    void rejectsImpossibleRecords() {
        String customer = Api.newCustomer(Api.unique("u"));
        as("SALES").body(UnitBodies.unit(customer).serialNo("AB 1").productModel("M").productLine("SYSTEM")
                        .productionDate(LocalDate.of(2024, 5, 1)).deliveryDate(LocalDate.of(2024, 4, 1)).vin("123").json())
                .post("/api/v1/units")
                .then().statusCode(422).body("errors.field", hasItem("vin"));
        as("SALES").body(UnitBodies.unit(customer).serialNo("AB 1").productModel("M").productLine("SYSTEM")
                        .productionDate(LocalDate.of(2024, 5, 1)).deliveryDate(LocalDate.of(2024, 4, 1)).json())
                .post("/api/v1/units")
                .then().statusCode(422).body("errors.field", hasItem("serialNo")).body("errors.field", hasItem("deliveryDate"));
        // Raw: a date that does not exist cannot be built as a LocalDate.
        as("SALES").body("""
                        {"serialNo":"AB1","productModel":"M","productLine":"SYSTEM","customerId":"%s",
                         "deliveryDate":"2024-02-30"}""".formatted(customer))
                .post("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("deliveryDate"));
        as("SALES").body(unitJson("AB2", UUID.randomUUID().toString())).post("/api/v1/units").then().statusCode(404);
        as("SALES").get("/api/v1/units/AB1").then().statusCode(404);
    }

    @Test
    void amendingNeedsTheCurrentVersion() {
        String customer = Api.newCustomer(Api.unique("u"));
        String serial = Api.unique("AM");
        as("SALES").body(unitJson(serial, customer)).post("/api/v1/units").then().statusCode(201);
        String changed = unit(serial, customer).endCustomer("开封公交").json();
        as("SALES").body(changed).put("/api/v1/units/" + serial).then().statusCode(428);
        as("SALES").header("If-Match", "\"0\"").body(changed).put("/api/v1/units/" + serial)
                .then().statusCode(200).header("ETag", "\"1\"").body("endCustomer", equalTo("开封公交"));
        as("SALES").header("If-Match", "\"0\"").body(changed).put("/api/v1/units/" + serial).then().statusCode(412);
        as("SALES").header("If-Match", "\"1\"").body(unitJson(serial + "X", customer)).put("/api/v1/units/" + serial)
                .then().statusCode(422).body("errors[0].field", equalTo("serialNo"));
        as("AFTER_SALES_MANAGER").queryParam("entity", "unit").queryParam("id", serial).get("/api/v1/audit")
                .then().body("items.action", equalTo(java.util.List.of("UPDATE", "CREATE")))
                .body("items[0].before.endCustomer", equalTo("郑州公交"));
    }

    @Test
    void aCustomerAccountNeverSeesAnotherCustomersUnit() {
        String mine = Api.newCustomer(Api.unique("u"));
        String other = Api.newCustomer(Api.unique("u"));
        String myUnit = Api.unique("MY");
        String theirUnit = Api.unique("TH");
        as("SALES").body(unitJson(myUnit, mine)).post("/api/v1/units").then().statusCode(201);
        as("SALES").body(unitJson(theirUnit, other)).post("/api/v1/units").then().statusCode(201);
        asCustomer(UUID.fromString(mine)).get("/api/v1/units/" + myUnit).then().statusCode(200);
        asCustomer(UUID.fromString(mine)).get("/api/v1/units/" + theirUnit)
                .then().statusCode(404).contentType("application/problem+json");
        asCustomer(UUID.fromString(mine)).get("/api/v1/units/" + theirUnit + "/entitlement").then().statusCode(404);
        asCustomer(UUID.fromString(mine)).queryParam("customerId", other).get("/api/v1/units")
                .then().statusCode(200).body("items", hasSize(0));
        asCustomer(UUID.fromString(mine)).get("/api/v1/units")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].serialNo", equalTo(myUnit));
        asCustomer(UUID.fromString(mine)).body(unitJson(Api.unique("NEW"), mine)).post("/api/v1/units").then().statusCode(403);
        RestAssured.given().auth().oauth2(com.aftersales.support.Api.jwt("c").groups("CUSTOMER").sign())
                .get("/api/v1/units/" + myUnit).then().statusCode(403);
    }

    @Test
    void importsACleanCsvWithChineseHeaders() {
        String code = Api.unique("imp");
        Api.newCustomer(code);
        String prefix = Api.unique("CSV");
        String csv = "\uFEFF钢印号,产品型号,产品线,生产日期,批次,客户代码,终端客户,交付日期\n"
                + prefix + "-1,TM220,商用车,2024/1/2,B1," + code + ",\"郑州公交, 一公司\",2024-01-15\n"
                + prefix.toLowerCase() + "-2,EM35,MICRO_CAR,2024-02-01,,,,\n";
        // line 3 misses its customer: nothing may be imported
        as("SALES").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/units/import")
                .then().statusCode(422)
                .body("errors[0].line", equalTo(3)).body("errors[0].field", equalTo("customerCode"));
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(404);

        String fixed = csv.replace("2024-02-01,,,,\n", "2024-02-01,," + code + ",,2024-03-01\n");
        // A retry with the same Idempotency-Key (the client lost the answer) replays it and imports nothing twice.
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            as("SALES").header("Idempotency-Key", key).contentType("text/csv").body(fixed.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/units/import")
                    .then().log().ifValidationFails().statusCode(200).body("imported", equalTo(2));
        }
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(200)
                .body("endCustomer", equalTo("郑州公交, 一公司")).body("productionDate", equalTo("2024-01-02"));
        as("SALES").get("/api/v1/units/" + prefix + "-2").then().statusCode(200).body("productLine", equalTo("MICRO_CAR"));
        as("ADMIN").queryParam("entity", "unit").queryParam("id", prefix + "-2").get("/api/v1/audit")
                .then().body("items[0].action", equalTo("IMPORT")).body("items[0].after.productModel", equalTo("EM35"));
    }

    @Test
    void reportsEveryBadRowWithItsLineAndImportsNothing() {
        String code = Api.unique("imp");
        Api.newCustomer(code);
        String existing = Api.unique("EX");
        as("SALES").body(unitJson(existing, Api.newCustomer(Api.unique("o")))).post("/api/v1/units").then().statusCode(201);
        String ok = Api.unique("OK");
        String csv = "serialNo,productModel,productLine,customerCode,deliveryDate,vin\n"
                + ok + ",M1,SYSTEM," + code + ",2024-01-01,\n"          // 2: fine
                + existing + ",M1,SYSTEM," + code + ",2024-01-01,\n"    // 3: serial exists
                + "BAD SERIAL,M1,SYSTEM," + code + ",2024-01-01,\n"     // 4: bad serial
                + ok + ",M1,SYSTEM," + code + ",2024-01-01,\n"          // 5: duplicate in file
                + "X1,M1,ROCKET," + code + ",2024-13-01,\n"             // 6: bad line, bad date
                + "X2,M1,SYSTEM,NOPE,2024-01-01,\n"                     // 7: unknown customer
                + "X3,M1,SYSTEM," + code + ",2024-01-01,SHORTVIN\n"     // 8: bad VIN
                + "X4,M1\n";                                            // 9: column count
        as("SALES").header("Accept-Language", "en").contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/units/import")
                .then().log().ifValidationFails().statusCode(422)
                .body("totalErrors", equalTo(8))
                .body("errors.line", equalTo(java.util.List.of(3, 4, 5, 6, 6, 7, 8, 9)))
                .body("detail", containsString("nothing was imported"));
        as("SALES").get("/api/v1/units/" + ok).then().statusCode(404);
    }

    @Test
    void rejectsFilesOfNoKnownEncodingOrWithUnknownColumns() {
        byte[] notText = {'s', 'e', 'r', 'i', 'a', 'l', 'N', 'o', '\n', 'A', (byte) 0xC3, 0x28, '\n'};
        as("SALES").contentType("application/octet-stream").body(notText).post("/api/v1/units/import")
                .then().statusCode(415).body("type", equalTo("urn:problem:aftersales:import_not_utf8"));
        as("SALES").contentType("text/csv").body("serialNo,colour\nA1,red\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/units/import")
                .then().statusCode(422).body("errors.field", hasItem("colour")).body("errors.field", hasItem("productModel"));
        as("SALES").contentType("text/csv").body(new byte[0]).post("/api/v1/units/import").then().statusCode(422);
        as("WAREHOUSE").contentType("text/csv").body("serialNo\n".getBytes()).post("/api/v1/units/import").then().statusCode(403);
    }

    @Test
    void importsTheGbkCsvChineseExcelSavesByDefaultWithItsDateFormats() {
        String code = Api.unique("gbk");
        Api.newCustomer(code);
        String prefix = Api.unique("GBK");
        // Excel's default "CSV (逗号分隔)" on a Chinese Windows: GBK, dates as typed (2024年3月5日) or as serial numbers
        String csv = "钢印号,产品型号,产品线,生产日期,客户代码,终端客户,交付日期\n"
                + prefix + "-1,TM220,商用车,2024年1月2日," + code + ",郑州公交一公司,45356\n"
                + prefix + "-2,EM35,微车,2024/2/1," + code + ",,2024年3月5日\n";
        as("SALES").contentType("application/octet-stream").body(csv.getBytes(Charset.forName("GBK")))
                .post("/api/v1/units/import")
                .then().log().ifValidationFails().statusCode(200).body("imported", equalTo(2));
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(200)
                .body("endCustomer", equalTo("郑州公交一公司")).body("productionDate", equalTo("2024-01-02"))
                .body("deliveryDate", equalTo("2024-03-05"));
        as("SALES").get("/api/v1/units/" + prefix + "-2").then().statusCode(200)
                .body("productLine", equalTo("MICRO_CAR")).body("deliveryDate", equalTo("2024-03-05"));
    }

    @Test
    void gbkGb18030BomUtf8AndXlsxUploadsOfTheSameRowsGiveTheSameUnits() {
        String code = Api.unique("fmt");
        Api.newCustomer(code);
        String csv = "钢印号,产品型号,产品线,生产日期,批次,客户代码,终端客户,VIN码,交付日期\n"
                + "{P}-1,TM220,商用车,2024年1月2日,B2401,{C},郑州公交一公司,LGHXCAE28R1234567,45356\n"
                + "{P}-2,EM35,微车,2024/2/1,2402,{C},,,2024-03-05\n";
        Map<String, byte[]> uploads = new java.util.LinkedHashMap<>();
        for (String encoding : List.of("GBK", "GB18030")) {
            String prefix = Api.unique(encoding);
            uploads.put(prefix, csv.replace("{P}", prefix).replace("{C}", code).getBytes(Charset.forName(encoding)));
        }
        String bom = Api.unique("BOM");
        uploads.put(bom, ("\uFEFF" + csv.replace("{P}", bom).replace("{C}", code)).getBytes(StandardCharsets.UTF_8));
        String xlsx = Api.unique("XLSX");
        // As a person keeps the list in Excel: date cells, a batch typed as a number, an empty last cell left out.
        uploads.put(xlsx, Sheet.of("钢印号", "产品型号", "产品线", "生产日期", "批次", "客户代码", "终端客户", "VIN码", "交付日期")
                .row(xlsx + "-1", "TM220", "商用车", LocalDate.of(2024, 1, 2), "B2401", code, "郑州公交一公司", "LGHXCAE28R1234567",
                        Sheet.date(LocalDate.of(2024, 3, 5), "yyyy\\年m\\月d\\日"))
                .row(xlsx + "-2", "EM35", "微车", LocalDate.of(2024, 2, 1), 2402, code, null, null, LocalDate.of(2024, 3, 5))
                .xlsx());
        Map<String, List<Map<String, Object>>> stored = new java.util.LinkedHashMap<>();
        uploads.forEach((prefix, body) -> {
            as("SALES").contentType("application/octet-stream").body(body).post("/api/v1/units/import")
                    .then().log().ifValidationFails().statusCode(200).body("imported", equalTo(2));
            List<Map<String, Object>> units = as("SALES").queryParam("serialPrefix", prefix).get("/api/v1/units")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            units.forEach(u -> {
                u.put("serialNo", ((String) u.get("serialNo")).substring(prefix.length()));
                u.keySet().removeAll(List.of("createdAt", "updatedAt"));
            });
            stored.put(prefix, units);
        });
        List<Map<String, Object>> expected = stored.get(bom);
        assertThat(expected).hasSize(2);
        assertThat(expected.get(0)).containsEntry("productionDate", "2024-01-02").containsEntry("deliveryDate", "2024-03-05")
                .containsEntry("endCustomer", "郑州公交一公司");
        assertThat(expected.get(1)).containsEntry("batchNo", "2402").containsEntry("productLine", "MICRO_CAR");
        stored.forEach((prefix, units) -> assertThat(units).as(prefix).isEqualTo(expected));
    }

    @Test
    void aBadXlsxRowIsReportedWithItsSheetRowNumberAndNothingIsImported() {
        String code = Api.unique("xb");
        Api.newCustomer(code);
        String prefix = Api.unique("XB");
        byte[] workbook = Sheet.of("serialNo", "productModel", "productLine", "customerCode", "deliveryDate")
                .row(prefix + "-1", "M1", "SYSTEM", code, LocalDate.of(2024, 1, 1))
                .emptyRow()
                .row(prefix + "-3", "M1", "ROCKET", code, "2024-02-30")
                .xlsx();
        as("SALES").header("Accept-Language", "en").contentType("application/octet-stream").body(workbook).post("/api/v1/units/import")
                .then().log().ifValidationFails().statusCode(422)
                .body("errors.line", equalTo(List.of(4, 4)))
                .body("errors.field", equalTo(List.of("productLine", "deliveryDate")));
        as("SALES").get("/api/v1/units/" + prefix + "-1").then().statusCode(404);
        // Sent with the workbook's own type, the Lambda event path (as the mock event server, which takes a type naming
        // "xml" for text) passes the body on as text: its bytes are lost, and the answer says to send octet-stream.
        as("SALES").contentType(Upload.XLSX).body(workbook).post("/api/v1/units/import").then().statusCode(400)
                .body("type", equalTo("urn:problem:aftersales:import_workbook_unreadable"))
                .body("detail", containsString("application/octet-stream"));
        // Sent as bytes, the zip signature tells a workbook; a broken one is 400, an old .xls 415, never a 5xx.
        as("SALES").contentType("application/octet-stream").body(java.util.Arrays.copyOf(workbook, 300))
                .post("/api/v1/units/import").then().statusCode(400)
                .body("type", equalTo("urn:problem:aftersales:import_workbook_unreadable"));
        as("SALES").contentType("application/octet-stream").body(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                        (byte) 0xB1, 0x1A, (byte) 0xE1}).post("/api/v1/units/import").then().statusCode(415)
                .body("type", equalTo("urn:problem:aftersales:import_xls"));
    }

    @Test
    void importsTenThousandRowsInOneRequest() {
        String code = Api.unique("big");
        Api.newCustomer(code);
        String prefix = Api.unique("BIG");
        StringBuilder csv = new StringBuilder("serialNo,productModel,productLine,productionDate,customerCode,deliveryDate\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(prefix).append('-').append(i).append(",TM220,COMMERCIAL_VEHICLE,2024-01-02,").append(code)
                    .append(",2024-02-01\n");
        }
        long started = System.nanoTime();
        as("SALES").contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/units/import")
                .then().statusCode(200).body("imported", equalTo(10_000));
        // Printed for the record, not asserted: speed is measured by the benchmark harness.
        System.out.printf("[measure] 10,000-row unit import over HTTP: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        as("SALES").queryParam("serialPrefix", prefix + "-999").get("/api/v1/units")
                .then().body("items", hasSize(11));
        // A page far above 8 KB comes back whole, with a Content-Length (not chunked: see quarkus.rest.output-buffer-size).
        as("SALES").config(io.restassured.RestAssured.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000)))
                .queryParam("serialPrefix", prefix).queryParam("limit", 200).get("/api/v1/units")
                .then().statusCode(200).body("items", hasSize(200))
                .header("Content-Length", org.hamcrest.Matchers.notNullValue());
    }
}
