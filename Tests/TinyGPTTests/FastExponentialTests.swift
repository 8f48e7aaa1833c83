// Accuracy of the vectorisable exp and tanh against libm, over the ranges the kernels use.
import Foundation
import Testing
@testable import TinyGPT

@Test func fastExpIsWithinThreeUlpOfLibm() {
    var worst: Float = 0
    for step in 0...20_000 {
        let x = -80 + Float(step) * 0.008
        let exact = Float(exp(Double(x)))
        worst = max(worst, abs(fastExp(x) - exact) / exact.ulp)
    }
    #expect(worst <= 3, "largest error \(worst) ulp")
    #expect(fastExp(-1000) >= 0 && fastExp(-1000) < 1e-37)
    #expect(fastExp(1000).isFinite)
}

@Test func fastTanhMatchesLibmToAbsoluteOneEMinus7() {
    var worst: Float = 0
    for step in 0...20_000 {
        let x = -12 + Float(step) * 0.0012
        worst = max(worst, abs(fastTanh(x) - Float(tanh(Double(x)))))
    }
    #expect(worst < 2e-7, "largest absolute error \(worst)")
    #expect(fastTanh(50) == 1 && fastTanh(-50) == -1)
}
