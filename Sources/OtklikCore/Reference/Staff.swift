/// A front-office employee or agent.
public struct Staff: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var location: String?
    public var role: String?
    /// Where their notifications are e-mailed (optional).
    public var email: String?
    /// The team they belong to (a code), for the case reports by team.
    public var team: String?
    /// The first day they worked (`YYYY-MM-DD`); nil when not recorded (then they count as employed since before any period).
    public var hiredOn: String?
    /// Their last day of work (`YYYY-MM-DD`), nil while they are employed; never before ``hiredOn``.
    public var leftOn: String?

    public init(
        code: String, name: String, location: String? = nil, role: String? = nil, email: String? = nil, team: String? = nil,
        hiredOn: String? = nil, leftOn: String? = nil
    ) {
        self.code = code
        self.name = name
        self.location = location
        self.role = role
        self.email = email
        self.team = team
        self.hiredOn = hiredOn
        self.leftOn = leftOn
    }

    enum CodingKeys: String, CodingKey {
        case code, name, location, role, email, team
        case hiredOn = "hired_on"
        case leftOn = "left_on"
    }
}

extension Staff {
    /// Checks the employment dates: each a real date `YYYY-MM-DD`, and `left_on` not before `hired_on` (422 naming the field).
    public func validateEmployment() throws(OtklikError) {
        if let hiredOn, CalendarDay.validDate(hiredOn) == nil {
            throw .invalid("hired_on", "hired_on must be a date YYYY-MM-DD, such as 2024-03-01")
        }
        if let leftOn, CalendarDay.validDate(leftOn) == nil {
            throw .invalid("left_on", "left_on must be a date YYYY-MM-DD, such as 2026-06-30")
        }
        if let hiredOn, let leftOn, leftOn < hiredOn {
            throw .invalid("left_on", "left_on (\(leftOn)) must not be before hired_on (\(hiredOn))")
        }
    }

    /// Whether they were employed on `day` (`YYYY-MM-DD`): hired on or before it (or hiring not recorded) and not yet gone.
    public func employed(on day: String) -> Bool {
        (hiredOn.map { $0 <= day } ?? true) && (leftOn.map { $0 >= day } ?? true)
    }
}
