extension Migrations {
    /// A customer's history on a case: their feedback by contact and by customer id.
    static let v10CustomerHistory = Migration("0010_customer_history", [
        "CREATE INDEX feedback_contact ON feedback (contact, ts)",
        "CREATE INDEX feedback_customer ON feedback (customer_id, ts)",
    ])
}
