import Foundation

/// Turns what a client sent into a customer identity, as pure functions: a phone to E.164 (a Russian number written
/// nationally — `8 (912) 345-67-89`, `9123456789` — gets `+7`; a number with `+` keeps its country), an e-mail address
/// trimmed and lower-cased, an external id kept verbatim (CDNOW's `00001` stays `00001`). Placeholder values — all
/// zeros after normalisation, `0`, `-1`, `anonymous`, `test@example.*` — never become identities.
public enum IdentityNormalizer {
    public enum Outcome: Sendable, Equatable {
        case identity(CustomerIdentity)
        /// A placeholder: a value that names nobody.
        case blocked(String)
        /// Not a value of this kind; the reason says why.
        case rejected(String)

        public var identity: CustomerIdentity? {
            if case .identity(let identity) = self { return identity }
            return nil
        }
    }

    /// Normalises `raw` as an identifier of `kind`.
    public static func normalize(_ raw: String, as kind: IdentityKind) -> Outcome {
        switch kind {
        case .phone: return phone(raw)
        case .email: return email(raw)
        case .external, .loyaltyCard, .device: return verbatim(raw, kind: kind)
        }
    }

    /// A contact as a customer left it: an e-mail address when it has an `@`, otherwise a phone.
    public static func contact(_ raw: String) -> Outcome {
        raw.contains("@") ? email(raw) : phone(raw)
    }

    /// A search box's text: the identities it could mean (a phone, an e-mail address, an external id).
    public static func candidates(_ raw: String) -> [CustomerIdentity] {
        var found: [CustomerIdentity] = []
        for kind in [IdentityKind.external, .loyaltyCard, .device] { found += verbatim(raw, kind: kind).identity.map { [$0] } ?? [] }
        found += contact(raw).identity.map { [$0] } ?? []
        return found
    }

    public static func phone(_ raw: String) -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .rejected("the phone is empty") }
        if isPlaceholder(text) { return .blocked("placeholder value") }
        var digits = ""
        var plus = false
        for (index, character) in text.enumerated() {
            if character == "+" && index == 0 {
                plus = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
            } else if !" -().\u{00A0}".contains(character) {
                return .rejected("a phone has only digits, spaces, dashes, brackets and a leading +")
            }
        }
        if !plus && digits.hasPrefix("00") {
            plus = true
            digits.removeFirst(2)
        }
        guard !digits.isEmpty else { return .rejected("the phone has no digits") }
        if digits.allSatisfy({ $0 == "0" }) { return .blocked("placeholder value: all zeros") }
        let e164: String
        if plus {
            guard (8...15).contains(digits.count), digits.first != "0" else {
                return .rejected("an international phone has 8 to 15 digits after +, the first not 0")
            }
            if digits.hasPrefix("7") && digits.count != 11 { return .rejected("a Russian phone (+7) has 10 digits after the 7") }
            e164 = "+" + digits
        } else if digits.count == 11 && (digits.hasPrefix("8") || digits.hasPrefix("7")) {
            e164 = "+7" + digits.dropFirst()
        } else if digits.count == 10 && !digits.hasPrefix("0") {
            e164 = "+7" + digits
        } else {
            return .rejected("a phone without + is read as Russian: 10 digits, or 11 starting with 8 or 7")
        }
        if e164.dropFirst(2).allSatisfy({ $0 == "0" }) { return .blocked("placeholder value: all zeros") }
        return .identity(CustomerIdentity(kind: .phone, value: e164))
    }

    public static func email(_ raw: String) -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !text.isEmpty else { return .rejected("the e-mail address is empty") }
        if isPlaceholder(text) { return .blocked("placeholder value") }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !text.contains(where: { $0.isWhitespace })
        else { return .rejected("an e-mail address is name@domain with a dot in the domain and no spaces") }
        if parts[1].hasPrefix("example.") && parts[0] == "test" { return .blocked("placeholder value: test@example.*") }
        return .identity(CustomerIdentity(kind: .email, value: text))
    }

    /// External ids, loyalty cards and devices are kept as sent (only surrounding spaces trimmed).
    public static func verbatim(_ raw: String, kind: IdentityKind) -> Outcome {
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return .rejected("the \(kind.rawValue) id is empty") }
        guard text.count <= 200 else { return .rejected("the \(kind.rawValue) id is longer than 200 characters") }
        if isPlaceholder(text) || text.allSatisfy({ $0 == "0" }) { return .blocked("placeholder value") }
        return .identity(CustomerIdentity(kind: kind, value: text))
    }

    /// `0`, `-1`, `anonymous` (any case): values systems put where they know nobody.
    public static func isPlaceholder(_ text: String) -> Bool {
        text.utf8.count <= 9 && ["0", "-1", "anonymous"].contains(text.lowercased())
    }
}
