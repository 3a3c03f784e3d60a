extension Migrations {
    /// Customer journeys: the journey (owner, north star, satisfaction target), its ordered stages, their touchpoints
    /// (channel × stage, optional service) and the bindings that say which events belong to a stage (lists of codes
    /// joined by ';'). The figures are computed from the fact tables, never stored.
    static let v26Journeys = Migration("0026_journeys", [
        """
        CREATE TABLE journeys (
            code TEXT PRIMARY KEY,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('user', 'staff')),
            owner_id TEXT NOT NULL,
            north_star TEXT NOT NULL,
            active SMALLINT NOT NULL CHECK (active IN (0, 1)),
            satisfaction_target DOUBLE PRECISION,
            updated_at BIGINT NOT NULL,
            feed_position BIGINT
        )
        """,
        """
        CREATE TABLE journey_stages (
            journey_code TEXT NOT NULL REFERENCES journeys (code),
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            expectation TEXT NOT NULL,
            PRIMARY KEY (journey_code, code)
        )
        """,
        """
        CREATE TABLE journey_touchpoints (
            journey_code TEXT NOT NULL,
            stage_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            channel TEXT NOT NULL,
            service_code TEXT REFERENCES services (code),
            PRIMARY KEY (journey_code, stage_code, seq),
            FOREIGN KEY (journey_code, stage_code) REFERENCES journey_stages (journey_code, code)
        )
        """,
        """
        CREATE TABLE journey_bindings (
            journey_code TEXT NOT NULL,
            stage_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('feedback', 'interaction', 'request', 'case')),
            channels TEXT NOT NULL,
            services TEXT NOT NULL,
            topics TEXT NOT NULL,
            statuses TEXT NOT NULL,
            PRIMARY KEY (journey_code, stage_code, seq),
            FOREIGN KEY (journey_code, stage_code) REFERENCES journey_stages (journey_code, code)
        )
        """,
    ])
}
