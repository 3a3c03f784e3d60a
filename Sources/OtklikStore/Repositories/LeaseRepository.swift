import Foundation

/// Leases on background jobs, so that with several servers on one database each job (webhook and e-mail
/// delivery, survey invitations, case supervision) runs in one process at a time; another takes it over
/// when the holder stops renewing (it stopped or lost the database).
public protocol LeaseRepository: Sendable {
    /// Takes or renews the lease `name` for `holder` until `now + seconds`; false while another holder's lease runs.
    func acquire(_ name: String, holder: String, seconds: Double, now: Date) async throws -> Bool
    /// Gives the lease up (at shutdown), so that another server need not wait for it to expire.
    func release(_ name: String, holder: String) async throws
    /// The current holder and expiry of a lease, if any.
    func holder(of name: String) async throws -> (holder: String, expiresAt: Date)?
}

public struct SQLLeaseRepository: LeaseRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func acquire(_ name: String, holder: String, seconds: Double, now: Date) async throws -> Bool {
        let expires = Self.ms(now.addingTimeInterval(seconds))
        // One statement: insert, or take over only the holder's own or an expired lease; a row comes back when it is ours.
        let rows = try await database.transaction { (tx: any SQLExecutor) in
            try await tx.query(
                """
                INSERT INTO service_leases (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE service_leases.holder = excluded.holder OR service_leases.expires_at <= ?
                RETURNING holder
                """, [.text(name), .text(holder), .int(expires), .int(Self.ms(now))])
        }
        return rows.first?.text("holder") == holder
    }

    public func release(_ name: String, holder: String) async throws {
        try await database.transaction { (tx: any SQLExecutor) in
            try await tx.execute("UPDATE service_leases SET expires_at = 0 WHERE name = ? AND holder = ?", [.text(name), .text(holder)])
        }
    }

    public func holder(of name: String) async throws -> (holder: String, expiresAt: Date)? {
        guard let row = try await database.query("SELECT holder, expires_at FROM service_leases WHERE name = ?", [.text(name)]).first,
            let holder = row.text("holder"), let expires = row.int("expires_at")
        else { return nil }
        return (holder, Date(timeIntervalSince1970: Double(expires) / 1000))
    }
}
