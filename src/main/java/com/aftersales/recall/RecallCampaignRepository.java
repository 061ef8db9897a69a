package com.aftersales.recall;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The RecallCampaign rows, for {@link Recalls}. */
@ApplicationScoped
class RecallCampaignRepository implements PanacheRepositoryBase<RecallCampaign, UUID> {
}
