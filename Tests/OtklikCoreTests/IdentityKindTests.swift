import OtklikCore
import Testing

/// The resolver trusts identity kinds in the order of their cases (external id, card, phone, e-mail, device); `rank` is
/// written as a `switch` for speed, so it must keep that order.
@Suite struct IdentityKindTests {
    @Test func rankIsTheOrderOfTheCases() {
        #expect(IdentityKind.allCases.map(\.rank) == Array(0..<IdentityKind.allCases.count))
        #expect(IdentityKind.allCases.sorted() == [.external, .loyaltyCard, .phone, .email, .device])
    }
}
