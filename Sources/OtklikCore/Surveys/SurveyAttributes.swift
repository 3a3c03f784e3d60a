/// What a survey is about, for slicing and eligibility: when set, only interactions at that location, with that staff
/// member, service or channel are in the survey's sampling frame.
public struct SurveyAttributes: Sendable, Codable, Equatable {
    public var location: String?
    public var staff: String?
    public var service: String?
    public var channel: String?

    public init(location: String? = nil, staff: String? = nil, service: String? = nil, channel: String? = nil) {
        self.location = location
        self.staff = staff
        self.service = service
        self.channel = channel
    }

    /// The attributes that are set, by name.
    public var pairs: [(String, String)] {
        [("location", location), ("staff", staff), ("service", service), ("channel", channel)].compactMap { name, value in value.map { (name, $0) } }
    }
}
