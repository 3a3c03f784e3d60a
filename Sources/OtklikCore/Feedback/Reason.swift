import Foundation

/// A reason a customer can pick on the kiosk or the QR form ("waiting time", "politeness"), with its labels;
/// offered everywhere, or only at one location.
public struct Reason: Sendable, Codable, Equatable {
    public var code: String
    /// nil: offered at every location.
    public var location: String?
    public var labelRu: String
    public var labelEn: String

    public init(code: String, location: String? = nil, labelRu: String, labelEn: String) {
        self.code = code
        self.location = location
        self.labelRu = labelRu
        self.labelEn = labelEn
    }

    enum CodingKeys: String, CodingKey {
        case code, location, labelRu = "label_ru", labelEn = "label_en"
    }

    public func label(_ language: String) -> String { language == "en" ? labelEn : labelRu }

    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        if code.contains(";") { throw .invalid("code", "a reason code cannot contain ';'") }
        if let location { try Identifier.validate(location, field: "location") }
        for (field, label) in [("label_ru", labelRu), ("label_en", labelEn)] {
            let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 120 { throw .invalid(field, "\(field) must be 1-120 characters") }
        }
    }
}
