import Foundation
import OtklikCore

/// Failed sign-ins per account in the database (`login_failures`), so every server on one database sees the same
/// count: the per-account limit holds behind a load balancer. Accounts are lower-cased user names, known or not.
public struct SQLLoginFailures: Sendable {
    let database: any SQLDatabase
    public let rule: LoginLockout

    public init(database: any SQLDatabase, rule: LoginLockout = LoginLockout()) {
        self.database = database
        self.rule = rule
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// When `account` may try again; nil: now.
    public func lockedUntil(_ account: String, now: Date = Date()) async throws -> Date? {
        guard let row = try await database.query("SELECT failures, last_at FROM login_failures WHERE account = ?", [.text(account)]).first,
            let failures = row.int("failures"), let last = row.int64("last_at")
        else { return nil }
        return rule.lockedUntil(failures: failures, last: Date(timeIntervalSince1970: Double(last) / 1000), now: now)
    }

    /// The account's failures in its current run, 0 when it has none.
    public func failures(_ account: String, now: Date = Date()) async throws -> Int {
        guard let row = try await database.query("SELECT failures, last_at FROM login_failures WHERE account = ?", [.text(account)]).first,
            let failures = row.int("failures"), let last = row.int64("last_at")
        else { return 0 }
        return rule.continuesRun(last: Date(timeIntervalSince1970: Double(last) / 1000), now: now) ? failures : 0
    }

    /// Counts one failure (atomically, whichever server records it) and forgets runs idle for a day.
    public func recordFailure(_ account: String, now: Date = Date()) async throws {
        let at = Self.ms(now)
        let runStart = at - Int64(max(rule.window, rule.maximum) * 1000)
        try await database.execute(
            """
            INSERT INTO login_failures (account, failures, last_at) VALUES (?, 1, ?)
            ON CONFLICT (account) DO UPDATE SET
                failures = CASE WHEN login_failures.last_at < ? THEN 1 ELSE login_failures.failures + 1 END, last_at = ?
            """, [.text(account), .int(at), .int(runStart), .int(at)])
        try await database.execute("DELETE FROM login_failures WHERE last_at < ?", [.int(at - 86_400_000)])
    }

    /// A successful sign-in clears the account's run.
    public func clear(_ account: String) async throws {
        try await database.execute("DELETE FROM login_failures WHERE account = ?", [.text(account)])
    }
}
