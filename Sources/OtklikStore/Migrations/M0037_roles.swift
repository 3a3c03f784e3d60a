extension Migrations {
    /// Roles and scopes: the roles `admin` and `manager` become `administrator` and `cx_director` (`viewer` stays);
    /// users and API keys gain the regions or locations they may see (`access_scopes`, none = the whole
    /// organisation); API keys gain a scope — read, write or admin — and every existing key becomes `admin`, so
    /// nothing that worked before stops working.
    static let v37Roles = Migration("0037_roles", [
        "UPDATE users SET role = 'administrator' WHERE role = 'admin'",
        "UPDATE users SET role = 'cx_director' WHERE role = 'manager'",
        "ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'admin'",
        """
        CREATE TABLE access_scopes (
            principal_kind TEXT NOT NULL CHECK (principal_kind IN ('user', 'api_key')),
            principal TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('region', 'location')),
            code TEXT NOT NULL,
            PRIMARY KEY (principal_kind, principal, kind, code)
        )
        """,
    ])
}
