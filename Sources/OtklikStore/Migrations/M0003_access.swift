extension Migrations {
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
}
