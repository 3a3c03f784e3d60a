extension Migrations {
    /// When each dashboard user last signed in (issue 21 item 3: the administrators' list of users, `/admin/users`):
    /// set when a session starts; null for a user who never has.
    static let v44UserLastLogin = Migration("0044_user_last_login", [
        "ALTER TABLE users ADD COLUMN last_login_at BIGINT",
    ])
}
