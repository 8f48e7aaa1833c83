// Accuracy of the vectorisable exp against libm, and of GELU against its tanh definition.
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

@Test func geluMatchesTanhDefinition() {
    let inputs = (0...4000).map { -10 + Float($0) * 0.005 }
    var out = [Float](repeating: 0, count: inputs.count)
    var slope = [Float](repeating: 0, count: inputs.count)
    geluForward(&out, &slope, inputs, nil, N: 1, C: inputs.count, threads: 1)
    var worst = 0.0
    for (x, y) in zip(inputs, out) {
        let u = (2 / Double.pi).squareRoot() * (Double(x) + 0.044715 * Double(x) * Double(x) * Double(x))
        worst = max(worst, abs(Double(y) - 0.5 * Double(x) * (1 + tanh(u))))
    }
    #expect(worst < 2e-6, "largest absolute GELU error \(worst)")
}
