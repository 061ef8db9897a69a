package com.aftersales.support;

/** Bodies of the retention endpoints. */
public final class RetentionBodies {

    private RetentionBodies() {
    }

    /** The product life of a model, in years. */
    public static String productLife(int lifeYears) {
        return JsonBody.of("lifeYears", lifeYears);
    }
}
