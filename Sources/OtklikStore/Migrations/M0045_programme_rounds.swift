extension Migrations {
    /// The programmes that run on rounds (issue 19 item 2): each scheduled occurrence a programme has run (written when
    /// every customer of the audience was handled, so a round cut short runs it again and finds the stored actions), the
    /// days a prediction programme was evaluated, and each customer's hysteresis state per prediction programme (armed:
    /// may fire; the last score seen).
    static let v45ProgrammeRounds = Migration("0045_programme_rounds", [
        """
        CREATE TABLE programme_occurrences (
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            occurrence TEXT NOT NULL,
            customers INTEGER NOT NULL,
            ran_at BIGINT NOT NULL,
            PRIMARY KEY (programme_code, occurrence)
        )
        """,
        """
        CREATE TABLE programme_prediction_states (
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            customer_id TEXT NOT NULL REFERENCES customers (id),
            armed INTEGER NOT NULL CHECK (armed IN (0, 1)),
            score DOUBLE PRECISION NOT NULL,
            fired_at BIGINT,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (programme_code, customer_id)
        )
        """,
    ])
}
