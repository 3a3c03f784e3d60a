/// Where a stage meets the customer: a channel, optionally for one service (a row of the journey map).
public struct JourneyTouchpoint: Sendable, Codable, Equatable {
    public var channel: Channel
    public var service: String?

    public init(channel: Channel, service: String? = nil) {
        self.channel = channel
        self.service = service
    }
}
