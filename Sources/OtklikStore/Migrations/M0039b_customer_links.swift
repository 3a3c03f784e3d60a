extension Migrations {
    /// The links programmes' messages carry to customers. A complaint's status link (issue 19 item 6): only a hash of
    /// each link's random token (each message gets its own), and the customer's one-question rating (CSAT 1-5) of how
    /// the case was resolved, once per case. A review-link offer to a promoter (item 7): its random id is the path of
    /// Otklik's redirect to the review site, which counts the clicks.
    static let v39bCustomerLinks = Migration("0039b_customer_links", [
        """
        CREATE TABLE case_status_links (
            token_hash TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases (id),
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX case_status_links_case ON case_status_links (case_id)",
        """
        CREATE TABLE case_status_ratings (
            case_id TEXT PRIMARY KEY REFERENCES cases (id),
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
            answered_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE review_offers (
            id TEXT PRIMARY KEY,
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            action_id TEXT NOT NULL,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            location_code TEXT,
            url TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            clicks INTEGER NOT NULL DEFAULT 0,
            first_clicked_at BIGINT
        )
        """,
        "CREATE INDEX review_offers_programme ON review_offers (programme_code)",
    ])
}
