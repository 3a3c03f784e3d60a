/// The tables whose rows reference a customer by `customer_id` and move with a merge (each has an `id` key). A table
/// that starts referencing customers (transactions, messages) is added here and merges, unmerges and erasures move it.
enum CustomerReferences {
    static let tables = ["feedback", "interactions", "service_requests", "survey_invitations", "customer_consents", "transactions",
        "programme_enrolments", "programme_actions", "contact_ledger", "programme_messages",
        "review_offers", "life_situation_detections", "life_situation_labels"]
}
