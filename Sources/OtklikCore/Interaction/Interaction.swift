import Foundation

/// Any contact between a customer and the organisation: a call, a chat, an e-mail, a visit —
/// with the queue timings the contact-centre KPIs need.
public struct Interaction: Sendable, Codable, Equatable {
    public var id: String
    public var channel: Channel
    /// The queue or line the contact waited in (e.g. a skill or a service type).
    public var queue: String?
    public var location: String?
    /// The agent or staff member who handled it.
    public var staff: String?
    public var service: String?
    /// The customer; nil for an anonymous caller.
    public var customer: String?
    /// The issue or topic, for first-contact resolution.
    public var topic: String?
    /// When the contact arrived (entered the system).
    public var arrivedAt: Date
    public var outcome: InteractionOutcome
    /// Seconds in the queue: until answer when answered, until hang-up when abandoned.
    public var waitSeconds: Double?
    public var talkSeconds: Double?
    public var holdSeconds: Double?
    public var wrapSeconds: Double?
    public var transferred: Bool
    /// The service request (application) this contact was about, for contacts per resolved request.
    public var request: String?

    public init(
        id: String, channel: Channel, queue: String? = nil, location: String? = nil, staff: String? = nil,
        service: String? = nil, customer: String? = nil, topic: String? = nil, arrivedAt: Date,
        outcome: InteractionOutcome, waitSeconds: Double? = nil, talkSeconds: Double? = nil, holdSeconds: Double? = nil,
        wrapSeconds: Double? = nil, transferred: Bool = false, request: String? = nil
    ) {
        self.id = id
        self.channel = channel
        self.queue = queue
        self.location = location
        self.staff = staff
        self.service = service
        self.customer = customer
        self.topic = topic
        self.arrivedAt = arrivedAt
        self.outcome = outcome
        self.waitSeconds = waitSeconds
        self.talkSeconds = talkSeconds
        self.holdSeconds = holdSeconds
        self.wrapSeconds = wrapSeconds
        self.transferred = transferred
        self.request = request
    }

    /// Talk + hold + wrap-up: the handle time of an answered contact.
    public var handleSeconds: Double? {
        guard outcome == .answered else { return nil }
        return (talkSeconds ?? 0) + (holdSeconds ?? 0) + (wrapSeconds ?? 0)
    }
}
