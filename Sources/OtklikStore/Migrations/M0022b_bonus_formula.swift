extension Migrations {
    /// The organisation's bonus formula (seed 002: bonuses from representative scores): one row, its thresholds and
    /// weights as JSON, with who changed it last and when.
    static let v22bBonusFormula = Migration("0022b_bonus_formula", [
        """
        CREATE TABLE bonus_formula (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            definition TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            updated_by TEXT
        )
        """,
    ])
}
