extension Migrations {
    /// A service request's status link (issue 19 item 6), like a complaint case's (``v39bCustomerLinks``): only a hash of
    /// each link's random token, the request it shows and when it was made. The short survey a completed request's page
    /// asks is stored as feedback (one per request, its id derived from the request's), not here.
    static let v56RequestStatusLinks = Migration("0056_request_status_links", [
        """
        CREATE TABLE request_status_links (
            token_hash TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES service_requests (id),
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX request_status_links_request ON request_status_links (request_id)",
    ])
}
