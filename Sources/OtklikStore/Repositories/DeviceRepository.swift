import Foundation
import OtklikCore

/// Devices at the service points (button consoles, terminals) and their tokens. A token is shown once;
/// only its SHA-256 is stored.
public protocol DeviceRepository: Sendable {
    /// Registers a device and returns its token. A code in use is a conflict.
    func register(_ device: Device) async throws -> String
    /// Issues a new token (the old one stops working); with `resetSequence` the device may start its
    /// sequence numbers again, as its press ids move to a new epoch.
    func issueToken(code: String, resetSequence: Bool) async throws -> String
    func revoke(code: String) async throws
    /// The live device a token belongs to, or nil for an unknown or revoked token.
    func device(token: String) async throws -> RegisteredDevice?
    func devices() async throws -> [RegisteredDevice]
    /// Notes that the device delivered a batch, with its clock offset.
    func recordContact(code: String, at: Date, skewSeconds: Double) async throws
}

public struct SQLDeviceRepository: DeviceRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static let maxCodeLength = 40

    public func register(_ device: Device) async throws -> String {
        try Identifier.validate(device.code, field: "code")
        guard device.code.count <= Self.maxCodeLength else {
            throw OtklikError.invalid("code", "a device code is at most \(Self.maxCodeLength) characters (it is part of every press id)")
        }
        let (tokenID, secret) = Self.newToken()
        return try await database.transaction { tx in
            guard try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(device.location)]).first != nil else {
                throw OtklikError.invalid("location", "unknown location code '\(device.location)'")
            }
            if let staff = device.staff, try await tx.query("SELECT code FROM staff WHERE code = ?", [.text(staff)]).first == nil {
                throw OtklikError.invalid("staff", "unknown staff code '\(staff)'")
            }
            guard try await tx.query("SELECT code FROM devices WHERE code = ?", [.text(device.code)]).first == nil else {
                throw OtklikError(.conflict, "device '\(device.code)' is already registered; issue it a new token instead", field: "code")
            }
            try await tx.execute(
                "INSERT INTO devices (code, kind, location_code, staff_code, token_id, token_hash, epoch, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                [.text(device.code), .text(device.kind.rawValue), .text(device.location), SQLValue(device.staff), .text(tokenID),
                 .text(SecretToken.hash(secret)), .int(Self.now())])
            return secret
        }
    }

    public func issueToken(code: String, resetSequence: Bool) async throws -> String {
        let (tokenID, secret) = Self.newToken()
        return try await database.transaction { tx in
            guard try await tx.query("SELECT code FROM devices WHERE code = ?", [.text(code)]).first != nil else {
                throw OtklikError(.notFound, "no device '\(code)'", field: "code")
            }
            try await tx.execute(
                "UPDATE devices SET token_id = ?, token_hash = ?, revoked_at = NULL, epoch = epoch + ? WHERE code = ?",
                [.text(tokenID), .text(SecretToken.hash(secret)), .int(resetSequence ? 1 : 0), .text(code)])
            return secret
        }
    }

    public func revoke(code: String) async throws {
        let rows = try await database.query("SELECT code FROM devices WHERE code = ? AND revoked_at IS NULL", [.text(code)])
        guard !rows.isEmpty else { throw OtklikError(.notFound, "no live device '\(code)'", field: "code") }
        try await database.execute("UPDATE devices SET revoked_at = ? WHERE code = ?", [.int(Self.now()), .text(code)])
    }

    public func device(token: String) async throws -> RegisteredDevice? {
        let parts = token.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "otd" else { return nil }
        guard let row = try await database.query("SELECT \(Self.columns), token_hash FROM devices WHERE token_id = ?", [.text(String(parts[1]))]).first,
            row.int64("revoked_at") == nil, let stored = row.text("token_hash"),
            SecretToken.constantTimeEquals(stored, SecretToken.hash(token))
        else { return nil }
        return try Self.device(row: row)
    }

    public func devices() async throws -> [RegisteredDevice] {
        try await database.query("SELECT \(Self.columns) FROM devices ORDER BY code").map(Self.device(row:))
    }

    public func recordContact(code: String, at: Date, skewSeconds: Double) async throws {
        try await database.execute(
            "UPDATE devices SET last_seen_at = ?, last_skew_ms = ? WHERE code = ?",
            [.int(Int64((at.timeIntervalSince1970 * 1000).rounded())), .int(Int64((skewSeconds * 1000).rounded())), .text(code)])
    }

    static let columns = "code, kind, location_code, staff_code, epoch, created_at, last_seen_at, last_skew_ms, revoked_at"

    static func newToken() -> (id: String, secret: String) {
        let id = SecretToken.identifier(length: 12)
        return (id, "otd_\(id)_\(SecretToken.random(bytes: 32))")
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    static func device(row: SQLRow) throws -> RegisteredDevice {
        func date(_ column: String) -> Date? { row.int64(column).map { Date(timeIntervalSince1970: Double($0) / 1000) } }
        guard let kind = Device.Kind(rawValue: try row.string("kind")) else { throw OtklikError(.internal, "stored device has an unknown kind") }
        return RegisteredDevice(
            device: Device(code: try row.string("code"), kind: kind, location: try row.string("location_code"), staff: row.text("staff_code")),
            epoch: row.int("epoch") ?? 0, createdAt: date("created_at"), lastSeenAt: date("last_seen_at"),
            lastSkewSeconds: row.int64("last_skew_ms").map { Double($0) / 1000 }, revokedAt: date("revoked_at"))
    }
}
