/// Every schema change, oldest first: one file each (`M<id>.swift`), listed here in the order of their ids. Never edit
/// an applied migration: add a new one. A database carrying an id this list lacks was migrated by a newer binary and is
/// refused (``Migrator``). Times are BIGINT milliseconds since 1970 UTC; the DDL is the subset SQLite and PostgreSQL
/// share, with per-engine statements where they differ.
public enum Migrations {
    public static let all: [Migration] = [
        v1Reference,
        v2Feedback,
        v3Access,
        v4Process,
        v5ServicePoint,
        v6Cases,
        v7Transcripts,
        v8Webhooks,
        v9CaseSLA,
        v10CustomerHistory,
        v11Problems,
        v12Playbooks,
        v13SLAPolicies,
        v14TextAnalysis,
        v14bTextModel,
        v15Surveys,
        v16Notifications,
        v16bTeams,
        v16cCasePriority,
        v16dBulkAndAssignment,
        v16eEmployeeVoice,
        v17ServiceLeases,
        v18EscalationRules,
        v18bServicesAvailableOnline,
        v19ChangeFeed,
        v20DeliveryClaims,
        v21Customers,
        v21bCustomerIdentities,
        v22RedPressAlerts,
        v22bBonusFormula,
        v23Initiatives,
        v23bMysteryShopping,
        v24KPITargets,
        v25MysteryPhotos,
        v26Journeys,
        v26bInitiativeJourneyStages,
    ]
}
