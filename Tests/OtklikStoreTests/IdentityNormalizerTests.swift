import OtklikCore
import Testing

/// The identity rules as pure functions (OtklikCore has no test target of its own; these tests import it alone).
@Suite struct IdentityNormalizerTests {
    @Test(arguments: ["8 (912) 345-67-89", "+7 912 345 6789", "9123456789", "89123456789", "7-912-345-67-89", "+7(912)345.67.89", " 8 912 345 67 89 "])
    func russianNumbersBecomeE164(raw: String) {
        #expect(IdentityNormalizer.phone(raw) == .identity(CustomerIdentity(kind: .phone, value: "+79123456789")))
    }

    @Test func otherCountriesKeepTheirPrefix() {
        #expect(IdentityNormalizer.phone("+44 20 7946 0958").identity?.value == "+442079460958")
        #expect(IdentityNormalizer.phone("+375 29 123-45-67").identity?.value == "+375291234567")
        #expect(IdentityNormalizer.phone("0044 20 7946 0958").identity?.value == "+442079460958", "00 is the international prefix")
    }

    @Test(arguments: ["12345", "+7 912 345 678", "call me", "912-345-67-8x", "+", "123456789012", "+0 123 456 789"])
    func unparseablePhonesAreRejectedWithAReason(raw: String) {
        guard case .rejected(let reason) = IdentityNormalizer.phone(raw) else {
            Issue.record("\(raw) was not rejected: \(IdentityNormalizer.phone(raw))")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test(arguments: ["0", "-1", "anonymous", "Anonymous", "8 (000) 000-00-00", "+7 000 000 0000", "0000000000", "00000"])
    func placeholderPhonesAreBlocked(raw: String) {
        guard case .blocked = IdentityNormalizer.phone(raw) else {
            Issue.record("\(raw) was not blocked: \(IdentityNormalizer.phone(raw))")
            return
        }
    }

    @Test func emailIsTrimmedAndLowerCased() {
        #expect(IdentityNormalizer.email("  Ivan.Petrov@Mail.RU ").identity?.value == "ivan.petrov@mail.ru")
        #expect(IdentityNormalizer.contact("Ivan@Example.com").identity == CustomerIdentity(kind: .email, value: "ivan@example.com"))
        #expect(IdentityNormalizer.contact("8 912 345 67 89").identity == CustomerIdentity(kind: .phone, value: "+79123456789"))
        for bad in ["ivan@", "@mail.ru", "ivan@mail", "a b@mail.ru", "a@@b.ru"] {
            guard case .rejected = IdentityNormalizer.email(bad) else {
                Issue.record("\(bad) was not rejected")
                continue
            }
        }
        for placeholder in ["test@example.com", "TEST@example.org", "anonymous"] {
            guard case .blocked = IdentityNormalizer.email(placeholder) else {
                Issue.record("\(placeholder) was not blocked")
                continue
            }
        }
        #expect(IdentityNormalizer.email("anna@example.com").identity != nil, "only test@example.* is a placeholder")
    }

    @Test func externalIdsAreKeptVerbatim() {
        #expect(IdentityNormalizer.verbatim("00001", kind: .external).identity?.value == "00001", "CDNOW's 00001 is a customer")
        #expect(IdentityNormalizer.verbatim("C-77", kind: .external).identity?.value == "C-77")
        #expect(IdentityNormalizer.verbatim("Abc", kind: .loyaltyCard).identity == CustomerIdentity(kind: .loyaltyCard, value: "Abc"))
        for placeholder in ["0", "-1", "anonymous", "0000"] {
            guard case .blocked = IdentityNormalizer.verbatim(placeholder, kind: .external) else {
                Issue.record("\(placeholder) was not blocked")
                continue
            }
        }
    }

    @Test func searchTextMeansEveryKindItCouldBe() {
        let found = Set(IdentityNormalizer.candidates("8 (912) 345-67-89"))
        #expect(found.contains(CustomerIdentity(kind: .phone, value: "+79123456789")))
        #expect(found.contains(CustomerIdentity(kind: .external, value: "8 (912) 345-67-89")))
        #expect(Set(IdentityNormalizer.candidates("Anna@Mail.ru")).contains(CustomerIdentity(kind: .email, value: "anna@mail.ru")))
    }

    /// The matcher, by hand: the client's own id decides; otherwise the most trusted identifier already owned.
    @Test func matcherPrefersTheClientsIdThenTheMostTrustedOwnedIdentifier() {
        let phone = CustomerIdentity(kind: .phone, value: "+79123456789")
        let email = CustomerIdentity(kind: .email, value: "anna@mail.ru")
        let external = CustomerIdentity(kind: .external, value: "C1")
        var owners: [CustomerIdentity: String] = [:]
        let newID: (CustomerIdentity) -> String = { $0.kind == .external ? $0.value : "new:\($0.value)" }

        let first = CustomerMatcher.resolve([email, phone], owners: &owners, newID: newID)
        #expect(first == .init(customer: "new:+79123456789", linkedBy: phone, created: true, attached: [phone, email]))
        let second = CustomerMatcher.resolve([email], owners: &owners, newID: newID)
        #expect(second == .init(customer: "new:+79123456789", linkedBy: email, created: false, attached: []))
        let third = CustomerMatcher.resolve([phone, external], owners: &owners, newID: newID)
        #expect(third == .init(customer: "C1", linkedBy: external, created: true, attached: [external]), "the phone stays with its owner")
        #expect(owners[phone] == "new:+79123456789")
        #expect(CustomerMatcher.resolve([], owners: &owners, newID: newID) == nil)
    }
}
