extension Migrations {
    /// Public-service requests, the working-day calendar, agent-state logs, and the request a contact was about.
    static let v4Process = Migration("0004_process", [
        "ALTER TABLE interactions ADD COLUMN request_id TEXT",
        "CREATE INDEX interactions_request ON interactions (request_id)",
        """
        CREATE TABLE service_requests (
            id TEXT PRIMARY KEY,
            service_code TEXT NOT NULL REFERENCES services (code),
            location_code TEXT REFERENCES locations (code),
            channel TEXT NOT NULL,
            customer_id TEXT REFERENCES customers (id),
            submitted_at BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'rejected', 'withdrawn')),
            closed_at BIGINT,
            cost DOUBLE PRECISION CHECK (cost >= 0),
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX service_requests_submitted ON service_requests (submitted_at, id)",
        """
        CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY,
            working SMALLINT NOT NULL CHECK (working IN (0, 1)),
            name TEXT
        )
        """,
        """
        CREATE TABLE agent_states (
            id TEXT PRIMARY KEY,
            staff_code TEXT NOT NULL REFERENCES staff (code),
            state TEXT NOT NULL CHECK (state IN ('available', 'handling', 'wrap', 'aux')),
            started_at BIGINT NOT NULL,
            ended_at BIGINT NOT NULL CHECK (ended_at > started_at),
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX agent_states_started ON agent_states (started_at, id)",
    ])
}
