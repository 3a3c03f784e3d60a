/// Every schema change, oldest first. Never edit an applied migration: add a new one.
/// Times are BIGINT milliseconds since 1970 UTC; the DDL is the subset SQLite and PostgreSQL share.
public enum Migrations {
    public static let all: [Migration] = [v1Reference, v2Feedback, v3Access, v4Process, v5ServicePoint, v6Cases, v7Transcripts, v8Webhooks, v9CaseSLA, v10CustomerHistory, v11Problems, v12Playbooks, v13SLAPolicies, v14TextAnalysis, v14bTextModel, v15Surveys, v16Notifications, v16bTeams, v16cCasePriority, v16dBulkAndAssignment, v16eEmployeeVoice, v17ServiceLeases, v18EscalationRules, v18bServicesAvailableOnline, v19ChangeFeed]

    static let v1Reference = Migration("0001_reference", [
        """
        CREATE TABLE organisation (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            default_lang TEXT NOT NULL CHECK (default_lang IN ('ru', 'en'))
        )
        """,
        "INSERT INTO organisation (id, name, timezone, default_lang) VALUES (1, 'Otklik', 'UTC', 'ru')",
        "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE locations (
            code TEXT PRIMARY KEY, name TEXT NOT NULL,
            region_code TEXT REFERENCES regions (code), address TEXT
        )
        """,
        """
        CREATE TABLE staff (
            code TEXT PRIMARY KEY, name TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code), role TEXT
        )
        """,
        "CREATE TABLE services (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE devices (
            code TEXT PRIMARY KEY, kind TEXT NOT NULL,
            location_code TEXT NOT NULL REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            token_hash TEXT, revoked_at BIGINT
        )
        """,
        """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY, phone TEXT, email TEXT, external_id TEXT,
            consent SMALLINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE interactions (
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            queue TEXT,
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            service_code TEXT REFERENCES services (code),
            customer_id TEXT REFERENCES customers (id),
            topic TEXT,
            arrived_at BIGINT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'self_service')),
            wait_ms BIGINT CHECK (wait_ms >= 0),
            talk_ms BIGINT CHECK (talk_ms >= 0),
            hold_ms BIGINT CHECK (hold_ms >= 0),
            wrap_ms BIGINT CHECK (wrap_ms >= 0),
            transferred SMALLINT NOT NULL DEFAULT 0,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX interactions_arrived ON interactions (arrived_at, id)",
        "CREATE INDEX interactions_customer ON interactions (customer_id, topic, arrived_at)",
    ])

    static let v2Feedback = Migration("0002_feedback", [
        """
        CREATE TABLE feedback (
            id TEXT PRIMARY KEY,
            ts BIGINT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            service_code TEXT REFERENCES services (code),
            device_code TEXT REFERENCES devices (code),
            customer_id TEXT REFERENCES customers (id),
            interaction_id TEXT,
            nps SMALLINT CHECK (nps BETWEEN 0 AND 10),
            csat SMALLINT CHECK (csat BETWEEN 1 AND 5),
            ces SMALLINT CHECK (ces BETWEEN 1 AND 7),
            button TEXT CHECK (button IN ('positive', 'neutral', 'negative')),
            reasons TEXT,
            comment TEXT,
            contact TEXT,
            lang TEXT,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX feedback_ts ON feedback (ts, id)",
        "CREATE INDEX feedback_location_ts ON feedback (location_code, ts)",
        "CREATE INDEX feedback_staff_ts ON feedback (staff_code, ts)",
    ])

    static let v3Access = Migration("0003_access", [
        """
        CREATE TABLE users (
            username TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
            role TEXT NOT NULL, created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
            expires_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL, revoked_at BIGINT, last_used_at BIGINT
        )
        """,
    ])

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

    /// Device tokens and health, and the reasons a form offers (for every location or one).
    static let v5ServicePoint = Migration("0005_service_point", [
        "ALTER TABLE devices ADD COLUMN token_id TEXT",
        "ALTER TABLE devices ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE devices ADD COLUMN created_at BIGINT",
        "ALTER TABLE devices ADD COLUMN last_seen_at BIGINT",
        "ALTER TABLE devices ADD COLUMN last_skew_ms BIGINT",
        "CREATE UNIQUE INDEX devices_token_id ON devices (token_id)",
        """
        CREATE TABLE reasons (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code),
            label_ru TEXT NOT NULL,
            label_en TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])

    /// Cases opened from complaints and contactable low scores, and their history.
    static let v6Cases = Migration("0006_cases", [
        """
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            feedback_id TEXT NOT NULL UNIQUE REFERENCES feedback (id),
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            owner TEXT,
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed')),
            opened_at BIGINT NOT NULL,
            due_at BIGINT NOT NULL,
            resolved_at BIGINT,
            resolution_code TEXT,
            called_back_at BIGINT
        )
        """,
        "CREATE INDEX cases_status_due ON cases (status, due_at)",
        "CREATE INDEX cases_location ON cases (location_code, opened_at)",
        """
        CREATE TABLE case_events (
            case_id TEXT NOT NULL REFERENCES cases (id),
            seq INTEGER NOT NULL,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT,
            PRIMARY KEY (case_id, seq)
        )
        """,
    ])

    /// Conversation transcripts (organic feedback), found by place and time.
    static let v7Transcripts = Migration("0007_transcripts", [
        """
        CREATE TABLE transcripts (
            id TEXT PRIMARY KEY,
            location_code TEXT NOT NULL REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            started_at BIGINT NOT NULL,
            ended_at BIGINT NOT NULL,
            lang TEXT,
            turns TEXT NOT NULL,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX transcripts_place_time ON transcripts (location_code, started_at)",
    ])

    /// Outgoing webhooks, the outbox of events and each delivery's state: written in the same transaction as
    /// the change they report, so nothing pending is lost when the server stops.
    static let v8Webhooks = Migration("0008_webhooks", [
        """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            event_types TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            disabled_at BIGINT
        )
        """,
        """
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_deliveries (
            message_id TEXT NOT NULL REFERENCES outbox (id),
            webhook_id TEXT NOT NULL REFERENCES webhooks (id),
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_status INTEGER,
            last_error TEXT,
            delivered_at BIGINT,
            PRIMARY KEY (message_id, webhook_id)
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
    ])

    /// Business-hours SLA of cases: first response, pauses while waiting for the customer, warnings,
    /// breaches and the escalation level.
    static let v9CaseSLA = Migration("0009_case_sla", [
        "ALTER TABLE cases ADD COLUMN first_response_due_at BIGINT",
        "ALTER TABLE cases ADD COLUMN first_response_at BIGINT",
        "ALTER TABLE cases ADD COLUMN paused_at BIGINT",
        "ALTER TABLE cases ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE cases ADD COLUMN warned_at BIGINT",
        "ALTER TABLE cases ADD COLUMN breached_at BIGINT",
    ])

    /// A customer's history on a case: their feedback by contact and by customer id.
    static let v10CustomerHistory = Migration("0010_customer_history", [
        "CREATE INDEX feedback_contact ON feedback (contact, ts)",
        "CREATE INDEX feedback_customer ON feedback (customer_id, ts)",
    ])

    /// Problems: repeated incidents (complaints on one theme at one place) and the cases behind them.
    static let v11Problems = Migration("0011_problems", [
        """
        CREATE TABLE problems (
            id TEXT PRIMARY KEY,
            location_code TEXT NOT NULL REFERENCES locations (code),
            theme TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'closed')),
            opened_at BIGINT NOT NULL,
            owner TEXT,
            root_cause TEXT,
            action_plan TEXT,
            fixed_at BIGINT,
            closed_at BIGINT
        )
        """,
        "CREATE INDEX problems_place_theme ON problems (location_code, theme, status)",
        """
        CREATE TABLE problem_cases (
            problem_id TEXT NOT NULL REFERENCES problems (id),
            case_id TEXT NOT NULL REFERENCES cases (id),
            PRIMARY KEY (problem_id, case_id)
        )
        """,
    ])

    /// The service standard: tasks and phrases per event.
    static let v12Playbooks = Migration("0012_playbooks", [
        """
        CREATE TABLE playbooks (
            event TEXT PRIMARY KEY,
            title_ru TEXT NOT NULL,
            title_en TEXT NOT NULL,
            tasks TEXT NOT NULL,
            phrases TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])

    /// SLA targets per case type and location, in order.
    static let v13SLAPolicies = Migration("0013_sla_policies", [
        """
        CREATE TABLE sla_policies (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score')),
            location_code TEXT REFERENCES locations (code),
            first_response_hours DOUBLE PRECISION NOT NULL,
            resolution_hours DOUBLE PRECISION NOT NULL
        )
        """,
    ])

    /// In-app notifications (per staff member, or the administrators), the dashboard user's staff member, staff
    /// e-mail addresses, and the outbox of e-mails: written in the transaction of the event they report.
    static let v16Notifications = Migration("0016_notifications", [
        "ALTER TABLE users ADD COLUMN staff_code TEXT REFERENCES staff (code)",
        "ALTER TABLE staff ADD COLUMN email TEXT",
        """
        CREATE TABLE notifications (
            id TEXT PRIMARY KEY,
            recipient TEXT,
            kind TEXT NOT NULL,
            case_id TEXT,
            problem_id TEXT,
            detail TEXT,
            created_at BIGINT NOT NULL,
            read_at BIGINT
        )
        """,
        "CREATE INDEX notifications_recipient ON notifications (recipient, created_at)",
        """
        CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY REFERENCES notifications (id),
            to_address TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            sent_at BIGINT
        )
        """,
        "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
    ])

    /// Teams: staff belong to one (a code), for case reports by team.
    static let v16bTeams = Migration("0016b_teams", [
        "ALTER TABLE staff ADD COLUMN team_code TEXT",
    ])

    /// Case priorities (set by rule at opening, changeable), backfilled for existing cases by the same rule; SLA
    /// policies may match on priority (the table is rebuilt to widen its type check for employee cases).
    static let v16cCasePriority = Migration("0016c_case_priority", [
        "ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent'))",
        "UPDATE cases SET priority = 'low' WHERE feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint')",
        "UPDATE cases SET priority = 'high' WHERE feedback_id IN (SELECT id FROM feedback WHERE csat = 1 OR nps <= 2)",
        "CREATE INDEX cases_priority ON cases (priority, status)",
        """
        CREATE TABLE sla_policies_v2 (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            first_response_hours DOUBLE PRECISION NOT NULL,
            resolution_hours DOUBLE PRECISION NOT NULL
        )
        """,
        """
        INSERT INTO sla_policies_v2 (position, name, case_type, location_code, first_response_hours, resolution_hours)
        SELECT position, name, case_type, location_code, first_response_hours, resolution_hours FROM sla_policies
        """,
        "DROP TABLE sla_policies",
        "ALTER TABLE sla_policies_v2 RENAME TO sla_policies",
    ])

    /// Bulk case actions remembered by their client id (a repeat returns the first result), and assignment rules:
    /// ordered matches on case type, location, reason and priority that name the owner of a new case.
    static let v16dBulkAndAssignment = Migration("0016d_bulk_and_assignment", [
        """
        CREATE TABLE case_bulk_requests (
            id TEXT PRIMARY KEY,
            changed TEXT NOT NULL,
            unchanged TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE assignment_rules (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            reason TEXT,
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            owner TEXT NOT NULL REFERENCES staff (code)
        )
        """,
    ])

    /// Employee voice: issues and ideas about internal processes, each opening a case of kind `employee` (so a case
    /// no longer needs a feedback record) that the employee follows through a status link. Cases get their kind.
    /// SQLite cannot drop NOT NULL, so it rebuilds `cases` with deferred foreign keys (its children keep pointing at it).
    static let v16eEmployeeVoice = Migration(
        "0016e_employee_voice",
        [
            """
            CREATE TABLE employee_issues (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('issue', 'idea')),
                staff_code TEXT REFERENCES staff (code),
                location_code TEXT REFERENCES locations (code),
                topic TEXT,
                text TEXT NOT NULL,
                status_token TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """,
        ],
        dialectStatements: [
            .postgres: [
                "ALTER TABLE cases ALTER COLUMN feedback_id DROP NOT NULL",
                "ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'low_score', 'employee'))",
                "ALTER TABLE cases ADD COLUMN issue_id TEXT UNIQUE REFERENCES employee_issues (id)",
                "UPDATE cases SET kind = 'low_score' WHERE feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint')",
            ],
            .sqlite: [
                "PRAGMA defer_foreign_keys = ON",
                "CREATE TABLE cases_copy AS SELECT * FROM cases",
                "DROP TABLE cases",
                """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY,
                    feedback_id TEXT UNIQUE REFERENCES feedback (id),
                    location_code TEXT REFERENCES locations (code),
                    staff_code TEXT REFERENCES staff (code),
                    owner TEXT,
                    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed')),
                    opened_at BIGINT NOT NULL,
                    due_at BIGINT NOT NULL,
                    resolved_at BIGINT,
                    resolution_code TEXT,
                    called_back_at BIGINT,
                    first_response_due_at BIGINT,
                    first_response_at BIGINT,
                    paused_at BIGINT,
                    escalation_level INTEGER NOT NULL DEFAULT 0,
                    warned_at BIGINT,
                    breached_at BIGINT,
                    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
                    kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'low_score', 'employee')),
                    issue_id TEXT UNIQUE REFERENCES employee_issues (id)
                )
                """,
                """
                INSERT INTO cases (id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at, first_response_due_at, first_response_at, paused_at, escalation_level, warned_at, breached_at, priority, kind)
                SELECT id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at, first_response_due_at, first_response_at, paused_at, escalation_level, warned_at, breached_at, priority, CASE WHEN feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint') THEN 'low_score' ELSE 'complaint' END
                FROM cases_copy
                """,
                "DROP TABLE cases_copy",
                "CREATE INDEX cases_status_due ON cases (status, due_at)",
                "CREATE INDEX cases_location ON cases (location_code, opened_at)",
                "CREATE INDEX cases_priority ON cases (priority, status)",
            ],
        ])

    /// Text analytics in the store: each comment's analysis (written with the feedback, in its transaction),
    /// each transcript's analysis and compliance, and the organisation's theme taxonomy (no rows: the shipped one).
    static let v14TextAnalysis = Migration("0014_text_analysis", [
        """
        CREATE TABLE comment_analysis (
            feedback_id TEXT PRIMARY KEY REFERENCES feedback (id),
            lang TEXT,
            mixed SMALLINT NOT NULL,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            score DOUBLE PRECISION NOT NULL,
            themes TEXT,
            words INTEGER NOT NULL,
            analysed_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX comment_analysis_label ON comment_analysis (label, feedback_id)",
        """
        CREATE TABLE transcript_analysis (
            transcript_id TEXT PRIMARY KEY REFERENCES transcripts (id),
            lang TEXT,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            score DOUBLE PRECISION NOT NULL,
            themes TEXT,
            standard_event TEXT,
            compliance DOUBLE PRECISION,
            analysed_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE themes (
            code TEXT PRIMARY KEY,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            keywords_ru TEXT NOT NULL,
            keywords_en TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])

    /// Comments the organisation's staff labelled, and the naive Bayes sentiment model trained on them (one a database).
    static let v14bTextModel = Migration("0014b_text_model", [
        """
        CREATE TABLE labelled_comments (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE text_models (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            model TEXT NOT NULL,
            texts INTEGER NOT NULL,
            features INTEGER NOT NULL,
            trained_at BIGINT NOT NULL
        )
        """,
        // Set when the taxonomy or the model changes, cleared when every stored text has been analysed again: a server
        // stopped in the middle of a re-analysis finishes it at its next start.
        "CREATE TABLE text_reanalysis (id SMALLINT PRIMARY KEY CHECK (id = 1), requested_at BIGINT NOT NULL)",
    ])

    /// Surveys (seed 002): questions, the sampling plan's persisted state, every sampling decision (idempotent per
    /// interaction), invitations with hashed link tokens, answers, and the invitations' delivery outbox.
    static let v15Surveys = Migration("0015_surveys", [
        """
        CREATE TABLE surveys (
            code TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('measurement', 'feedback')),
            created_at BIGINT NOT NULL,
            sampling_state TEXT,
            state_version BIGINT NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE survey_questions (
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            code TEXT NOT NULL,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            factor TEXT,
            integral SMALLINT NOT NULL,
            PRIMARY KEY (survey_code, code)
        )
        """,
        """
        CREATE TABLE survey_invitations (
            id TEXT PRIMARY KEY,
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            token_hash TEXT NOT NULL UNIQUE,
            interaction_id TEXT,
            customer TEXT,
            location_code TEXT,
            staff_code TEXT,
            service_code TEXT,
            channel TEXT,
            stratum TEXT,
            lang TEXT,
            status TEXT NOT NULL CHECK (status IN ('invited', 'completed', 'partial', 'refused', 'no_contact')),
            invited_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            responded_at BIGINT,
            shown TEXT
        )
        """,
        "CREATE INDEX survey_invitations_survey ON survey_invitations (survey_code, invited_at)",
        "CREATE INDEX survey_invitations_customer ON survey_invitations (customer, invited_at)",
        """
        CREATE TABLE survey_decisions (
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            interaction_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            stratum TEXT NOT NULL,
            explanation TEXT NOT NULL,
            invitation_id TEXT REFERENCES survey_invitations (id),
            at BIGINT NOT NULL,
            decided_at BIGINT NOT NULL,
            PRIMARY KEY (survey_code, interaction_id)
        )
        """,
        """
        CREATE TABLE survey_answers (
            invitation_id TEXT NOT NULL REFERENCES survey_invitations (id),
            question_code TEXT NOT NULL,
            score INTEGER,
            choices TEXT,
            answer_text TEXT,
            PRIMARY KEY (invitation_id, question_code)
        )
        """,
        """
        CREATE TABLE survey_outbox (
            id TEXT PRIMARY KEY,
            invitation_id TEXT NOT NULL REFERENCES survey_invitations (id),
            token TEXT,
            recipient TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            last_error TEXT
        )
        """,
        "CREATE INDEX survey_outbox_due ON survey_outbox (status, next_attempt_at)",
        "CREATE INDEX survey_outbox_invitation ON survey_outbox (invitation_id)",
    ])

    /// Leases on background jobs: with several servers on one database each job runs in one of them at a time.
    static let v17ServiceLeases = Migration("0017_service_leases", [
        "CREATE TABLE service_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)",
    ])

    /// Escalation rules: ordered matches on case type, location, reason, priority and CSAT that send a case straight
    /// to a level of the escalation ladder when it opens or its priority changes.
    static let v18EscalationRules = Migration("0018_escalation_rules", [
        """
        CREATE TABLE escalation_rules (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            reason TEXT,
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            csat_at_most INTEGER CHECK (csat_at_most BETWEEN 1 AND 5),
            escalate_to TEXT NOT NULL CHECK (escalate_to IN ('manager', 'regional_manager', 'cx_director'))
        )
        """,
    ])

    /// Whether a service can be obtained online (seed 000's share of services available online); NULL = not stated.
    static let v18bServicesAvailableOnline = Migration("0018b_services_available_online", [
        "ALTER TABLE services ADD COLUMN available_online SMALLINT CHECK (available_online IN (0, 1))",
    ])
}
