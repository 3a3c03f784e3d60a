extension Migrations {
    /// An initiative's scope may name journey stages (`journey/stage`), beside its locations and services.
    static let v26bInitiativeJourneyStages = Migration("0026b_initiative_journey_stages", [
        """
        CREATE TABLE initiative_journey_stages (
            initiative_id TEXT NOT NULL REFERENCES initiatives (id),
            journey_code TEXT NOT NULL,
            stage_code TEXT NOT NULL,
            PRIMARY KEY (initiative_id, journey_code, stage_code),
            FOREIGN KEY (journey_code, stage_code) REFERENCES journey_stages (journey_code, code)
        )
        """,
    ])
}
