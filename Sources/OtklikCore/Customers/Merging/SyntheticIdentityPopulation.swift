/// A generated population with known truth, for measuring identity resolution: people with several identities, each
/// seen in a few records that carry some of them written as clients write them (`8 (912) 345-67-89`,
/// ` Anna@Mail.RU `), plus the traps resolution must not fall into:
///
/// - an office phone shared by 30 people (each also leaves their own e-mail beside it);
/// - placeholder values on some records (`0000000000`, `+7 000 000-00-00`, `test@example.com`, `anonymous`, `-1`);
/// - pairs of people on one device (each with their own e-mail);
/// - pairs of people with their own customer ids sharing a home phone;
/// - CDNOW-style external ids with leading zeros (`00001`), which are ids, not placeholders.
///
/// Deterministic for a seed (SplitMix64), so a failing figure can be reproduced.
public struct SyntheticIdentityPopulation: Sendable {
    /// One record: what it carries (kind and raw text, before normalisation) and the person it truly belongs to.
    public struct Record: Sendable {
        public var person: Int
        public var raw: [(kind: IdentityKind, text: String)]
    }

    public var records: [Record] = []

    public init(people: Int, seed: UInt64 = 18) {
        var random = Random(state: seed)
        let office = "+7 (495) 123-45-67"
        let officeStaff = Set(0..<min(30, people))
        var familyPhone: [Int: String] = [:]
        var sharedDevice: [Int: String] = [:]
        for pair in 0..<(people / 200) {
            let a = 100 + pair * 40, b = a + 1
            guard b < people else { break }
            familyPhone[a] = "+7 916 700 \(Self.padded(pair / 100, to: 2)) \(Self.padded(pair % 100, to: 2))"
            familyPhone[b] = familyPhone[a]
            sharedDevice[a + 10] = "dev-shared-\(pair)"
            sharedDevice[b + 10] = "dev-shared-\(pair)"
        }
        for person in 0..<people {
            let digits = String(9_000_000_000 + person * 7 + 1)
            let phone = familyPhone[person] ?? Self.formatted(digits, variant: random.below(4))
            let hasExternal = familyPhone[person] != nil || person % 50 == 1 || random.below(10) < 6
            let external = person % 50 == 1 ? Self.padded(person, to: 5) : "C\(person)"
            let emails = ["p\(person)@mail.ru"] + (random.below(5) == 0 ? ["person.\(person)@yandex.ru"] : [])
            let card = random.below(4) == 0 ? "CARD\(100_000 + person)" : nil
            let device = sharedDevice[person] ?? (random.below(5) < 2 ? "dev-\(person)" : nil)
            let sharesDevice = sharedDevice[person] != nil
            var own: [(IdentityKind, String)] = [(.phone, phone)] + emails.map { (.email, $0) }
            if let card { own.append((.loyaltyCard, card)) }
            if let device, !sharesDevice { own.append((.device, device)) }
            // The first record registers the person: everything they have (a shared device goes with their e-mail only).
            var first: [(IdentityKind, String)] = own
            if hasExternal { first.append((.external, external)) }
            if sharesDevice { first = [(.email, emails[0]), (.device, device!)] }
            records.append(Record(person: person, raw: first.map { ($0.0, $0.1) }))
            for _ in 0..<random.below(4) {
                var carried: [(IdentityKind, String)] = []
                let pool = sharesDevice ? [(IdentityKind.email, emails[0])] : own
                for _ in 0..<(1 + random.below(2)) { carried.append(pool[random.below(pool.count)]) }
                if hasExternal && random.below(3) == 0 { carried.append((.external, external)) }
                carried = carried.map { kind, text in
                    kind == .phone && familyPhone[person] == nil ? (kind, Self.formatted(digits, variant: random.below(4)))
                        : kind == .email ? (kind, Self.emailVariant(text, variant: random.below(3))) : (kind, text)
                }
                if random.below(20) == 0 { carried.append(Self.placeholder(random.below(5))) }
                records.append(Record(person: person, raw: carried.map { ($0.0, $0.1) }))
            }
            if officeStaff.contains(person) {
                records.append(Record(person: person, raw: [(.phone, office), (.email, emails[0])]))
            }
        }
    }

    /// Each record's identities after ``IdentityNormalizer`` (placeholders and malformed values dropped).
    public func normalized() -> [[CustomerIdentity]] {
        records.map { record in record.raw.compactMap { IdentityNormalizer.normalize($0.text, as: $0.kind).identity } }
    }

    static func formatted(_ digits: String, variant: Int) -> String {
        let d = Array(digits)
        let code = String(d[0..<3]), a = String(d[3..<6]), b = String(d[6..<8]), c = String(d[8..<10])
        switch variant {
        case 0: return "+7\(digits)"
        case 1: return "8 (\(code)) \(a)-\(b)-\(c)"
        case 2: return digits
        default: return "+7 \(code) \(a) \(b) \(c)"
        }
    }

    static func padded(_ number: Int, to width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func emailVariant(_ email: String, variant: Int) -> String {
        switch variant {
        case 0: return email
        case 1: return " " + email.uppercased() + " "
        default: return email.prefix(1).uppercased() + email.dropFirst()
        }
    }

    static func placeholder(_ variant: Int) -> (IdentityKind, String) {
        [(IdentityKind.phone, "0000000000"), (.phone, "+7 000 000-00-00"), (.email, "test@example.com"), (.email, "anonymous"), (.phone, "-1")][variant]
    }

    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }
}

