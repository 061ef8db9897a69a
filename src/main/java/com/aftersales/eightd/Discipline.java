package com.aftersales.eightd;

/** The eight disciplines (plus D0) of an 8D report, with their customary zh-CN names. */
public enum Discipline {
    D0("紧急响应措施", "Emergency response"),
    D1("成立小组", "Team"),
    D2("问题描述", "Problem description"),
    D3("临时遏制措施", "Containment"),
    D4("根本原因分析", "Root cause"),
    D5("永久纠正措施", "Permanent corrective actions"),
    D6("实施与效果验证", "Implementation and verification"),
    D7("预防再发生", "Prevention"),
    D8("结案与表彰", "Closure and recognition");

    public final String zh;
    public final String en;

    Discipline(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }
}
