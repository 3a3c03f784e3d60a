import Foundation

/// What a button console sends: its clock at sending and the presses it buffered, each with the
/// console's own sequence number and the time it happened.
public struct PressBatch: Sendable, Codable, Equatable {
    public struct Press: Sendable, Codable, Equatable {
        public var seq: Int
        public var at: Date
        public var button: ButtonPress

        public init(seq: Int, at: Date, button: ButtonPress) {
            self.seq = seq
            self.at = at
            self.button = button
        }
    }

    public var sentAt: Date
    public var presses: [Press]

    public init(sentAt: Date, presses: [Press]) {
        self.sentAt = sentAt
        self.presses = presses
    }

    /// Most presses one batch may carry.
    public static let maxPresses = 1_000
    /// How far a console's clock may be from the server's before its batch is refused, seconds.
    public static let defaultSkewLimit: TimeInterval = 120
    /// Oldest press a console may still deliver, seconds (a console offline longer has lost its buffer's meaning).
    public static let maxAge: TimeInterval = 90 * 86_400

    /// The device clock's offset from the server's, seconds (positive: the device is ahead).
    public func skew(now: Date) -> TimeInterval { sentAt.timeIntervalSince(now) }

    /// Validates the batch against the server's clock and turns it into impulse feedback of the device:
    /// a press's id is `device.epoch.seq`, so a replayed batch is absorbed as duplicates. A clock off by more
    /// than `skewLimit` refuses the whole batch (nothing is stored, the skew is reported), as does any bad press.
    public func feedback(of registered: RegisteredDevice, now: Date, skewLimit: TimeInterval = defaultSkewLimit) throws(OtklikError) -> [Feedback] {
        guard !presses.isEmpty else { throw .invalid("presses", "no presses given") }
        guard presses.count <= Self.maxPresses else {
            throw OtklikError(.payloadTooLarge, "a batch holds at most \(Self.maxPresses) presses", field: "presses")
        }
        let skew = skew(now: now)
        guard abs(skew) <= skewLimit else {
            throw .invalid(
                "sent_at",
                "the device clock is \(Int(skew.rounded())) s \(skew > 0 ? "ahead of" : "behind") the server's (limit \(Int(skewLimit)) s); set its clock and send again — nothing was stored")
        }
        var seen = Set<Int>()
        var items: [Feedback] = []
        items.reserveCapacity(presses.count)
        for (index, press) in presses.enumerated() {
            let field = "presses[\(index)]"
            guard press.seq >= 0, press.seq < 1 << 53 else { throw .invalid("\(field).seq", "seq must be a whole number from 0") }
            guard seen.insert(press.seq).inserted else { throw .invalid("\(field).seq", "seq \(press.seq) appears twice in the batch") }
            guard press.at <= sentAt.addingTimeInterval(1) else { throw .invalid("\(field).at", "a press cannot happen after its batch was sent") }
            guard sentAt.timeIntervalSince(press.at) <= Self.maxAge else {
                throw .invalid("\(field).at", "a press older than \(Int(Self.maxAge / 86_400)) days is not accepted")
            }
            let device = registered.device
            items.append(Feedback(
                id: "\(device.code).\(registered.epoch).\(press.seq)", ts: press.at, channel: .button, kind: .impulse,
                location: device.location, staff: device.staff, device: device.code, button: press.button))
        }
        return items
    }
}
