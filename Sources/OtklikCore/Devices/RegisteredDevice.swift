import Foundation

/// A device as the server knows it: where it stands, its sequence epoch and what it last reported.
public struct RegisteredDevice: Sendable, Codable, Equatable {
    public var device: Device
    /// Bumped when an admin resets the device's sequence numbers; part of every press id.
    public var epoch: Int
    public var createdAt: Date?
    public var lastSeenAt: Date?
    /// Device clock minus server clock at its last batch, seconds (positive: the device is ahead).
    public var lastSkewSeconds: Double?
    public var revokedAt: Date?

    public init(
        device: Device, epoch: Int = 0, createdAt: Date? = nil, lastSeenAt: Date? = nil, lastSkewSeconds: Double? = nil,
        revokedAt: Date? = nil
    ) {
        self.device = device
        self.epoch = epoch
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.lastSkewSeconds = lastSkewSeconds
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
