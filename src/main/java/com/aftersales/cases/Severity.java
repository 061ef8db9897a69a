package com.aftersales.cases;

public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
