package com.aftersales.ledger;

import com.aftersales.shared.upload.Column;
import com.aftersales.shared.upload.Columns;

import java.util.List;

/**
 * The ledger workbook's columns, in template order: the Chinese header the template and the exports write first, then
 * English names an import also accepts. One template for the complaint ledger (客诉台帐) and the returns ledger.
 */
final class LedgerColumns {

    static final Column CASE_NO = Column.required("caseNo", "单号", "客诉单号", "case_no");
    static final Column TYPE = Column.required("type", "类型", "客诉类型");
    static final Column SEVERITY = Column.optional("severity", "严重度");
    static final Column CUSTOMER_CODE = Column.required("customerCode", "客户代码", "客户编码", "customer_code");
    static final Column SERIALS = Column.required("serialNos", "钢印号", "serials");
    static final Column DESCRIPTION = Column.required("description", "问题描述", "故障描述");
    static final Column FAILURE_DATE = Column.optional("failureDate", "故障日期", "failure_date");
    static final Column RECEIVED_AT = Column.required("receivedAt", "受理时间", "受理日期", "received_at");
    static final Column FIRST_RESPONSE_AT = Column.optional("firstRespondedAt", "首次响应时间", "首次响应日期", "first_responded_at");
    static final Column CLOSED_AT = Column.required("closedAt", "结案时间", "结案日期", "closed_at");
    static final Column COST = Column.optional("costCny", "费用(元)", "费用（元）", "费用", "cost_cny");
    static final Column RETURN_NO = Column.optional("returnNo", "退货单号", "return_no");
    static final Column VERDICT = Column.optional("verdict", "判定", "NTF判定", "检测判定");
    static final Column EIGHT_D_NO = Column.optional("eightDNo", "8D报告编号", "8D编号", "eight_d_no");

    /** In template order. */
    static final List<Column> ORDER = List.of(CASE_NO, TYPE, SEVERITY, CUSTOMER_CODE, SERIALS, DESCRIPTION, FAILURE_DATE,
            RECEIVED_AT, FIRST_RESPONSE_AT, CLOSED_AT, COST, RETURN_NO, VERDICT, EIGHT_D_NO);

    /** The template's headers, in order. */
    static final List<String> HEADERS = List.of("单号", "类型", "严重度", "客户代码", "钢印号", "问题描述", "故障日期", "受理时间",
            "首次响应时间", "结案时间", "费用(元)", "退货单号", "判定", "8D报告编号");

    /** A workbook may carry columns of its own (remarks, handler…): they are ignored. */
    static final Columns COLUMNS = Columns.amongOthers(ORDER.toArray(Column[]::new));

    private LedgerColumns() {
    }
}
