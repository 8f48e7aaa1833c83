// config.json in the transformers GPT2Config schema: exact output text, round trip, reading configs
// transformers writes, and rejection of configurations TinyGPT cannot build.

import Foundation
import Testing
@testable import TinyGPT

struct GPT2ConfigTests {
    let config = GPT2Config(model: ModelConfig(layers: 2, width: 64, heads: 4, contextLength: 128))

    @Test func encodedConfigHasTransformersKeysAndExplicitNulls() throws {
        // transformers 5.24.0 AutoConfig.from_pretrained reads this text as a GPT2Config (checked 2026-11-25).
        let expected = """
        {
          "activation_function" : "gelu_new",
          "architectures" : [
            "GPT2LMHeadModel"
          ],
          "attn_pdrop" : 0,
          "bos_token_id" : null,
          "embd_pdrop" : 0,
          "eos_token_id" : null,
          "initializer_range" : 0.02,
          "layer_norm_epsilon" : 1e-05,
          "model_type" : "gpt2",
          "n_embd" : 64,
          "n_head" : 4,
          "n_inner" : null,
          "n_layer" : 2,
          "n_positions" : 128,
          "resid_pdrop" : 0,
          "tie_word_embeddings" : true,
          "vocab_size" : 256
        }

        """
        #expect(String(decoding: config.encoded(), as: UTF8.self) == expected)
    }

    @Test func roundTripThroughAFileGivesTheSameConfig() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var withTokens = config
        withTokens.endOfSequenceTokenID = 10
        let url = directory.file("config.json")
        try withTokens.write(to: url)
        #expect(try GPT2Config(contentsOf: url) == withTokens)
        #expect(try directory.contents() == ["config.json"])
    }

    @Test func configSavedByTransformersIsReadIgnoringUnusedKeys() throws {
        // Written by transformers 5.24.0: GPT2Config(vocab_size=256, n_positions=64, n_embd=32, n_layer=1,
        // n_head=2, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, bos_token_id=None,
        // eos_token_id=None).save_pretrained(folder)
        let json = """
        {
          "activation_function": "gelu_new",
          "add_cross_attention": false,
          "attn_pdrop": 0.0,
          "bos_token_id": null,
          "embd_pdrop": 0.0,
          "eos_token_id": null,
          "initializer_range": 0.02,
          "layer_norm_epsilon": 1e-05,
          "model_type": "gpt2",
          "n_embd": 32,
          "n_head": 2,
          "n_inner": null,
          "n_layer": 1,
          "n_positions": 64,
          "pad_token_id": null,
          "reorder_and_upcast_attn": false,
          "resid_pdrop": 0.0,
          "scale_attn_by_inverse_layer_idx": false,
          "scale_attn_weights": true,
          "summary_activation": null,
          "summary_first_dropout": 0.1,
          "summary_proj_to_labels": true,
          "summary_type": "cls_index",
          "summary_use_proj": true,
          "tie_word_embeddings": true,
          "transformers_version": "5.24.0",
          "use_cache": true,
          "vocab_size": 256
        }
        """
        let read = try GPT2Config(decoding: Data(json.utf8), path: "config.json")
        #expect(read == GPT2Config(model: ModelConfig(layers: 1, width: 32, heads: 2, contextLength: 64)))
    }

    @Test func missingOptionalKeysTakeTransformersDefaults() throws {
        let json = #"{"vocab_size": 256, "n_positions": 64, "n_embd": 32, "n_layer": 1, "n_head": 2, "resid_pdrop": 0, "embd_pdrop": 0, "attn_pdrop": 0}"#
        let read = try GPT2Config(decoding: Data(json.utf8), path: "config.json")
        #expect(read == GPT2Config(model: ModelConfig(layers: 1, width: 32, heads: 2, contextLength: 64)))
    }

    @Test func missingSizeIsReportedByKey() {
        let json = #"{"vocab_size": 256, "n_positions": 64, "n_embd": 32, "n_layer": 1}"#
        #expect(throws: GPT2ConfigError.malformed(path: "run/config.json", reason: "missing required key \"n_head\"")) {
            try GPT2Config(decoding: Data(json.utf8), path: "run/config.json")
        }
    }

    @Test func wrongTypeIsReportedByKey() {
        let json = #"{"vocab_size": 256, "n_positions": "64", "n_embd": 32, "n_layer": 1, "n_head": 2}"#
        let error = #expect(throws: GPT2ConfigError.self) {
            try GPT2Config(decoding: Data(json.utf8), path: "run/config.json")
        }
        #expect(error?.description.contains("n_positions") == true)
    }

    @Test func configurationsTinyGPTCannotBuildAreRejectedNamingTheKey() {
        func rejection(_ change: (inout GPT2Config) -> Void) -> String? {
            var changed = config
            change(&changed)
            do throws(GPT2ConfigError) {
                try changed.validate(path: "config.json")
                return nil
            } catch {
                guard case .invalidValue(path: "config.json", key: let key, value: _, expected: _) = error else { return nil }
                return key
            }
        }
        #expect(rejection { _ in } == nil)
        #expect(rejection { $0.heads = 3 } == "n_head")
        #expect(rejection { $0.innerWidth = 100 } == "n_inner")
        #expect(rejection { $0.innerWidth = 256 } == nil)
        #expect(rejection { $0.activationFunction = "relu" } == "activation_function")
        #expect(rejection { $0.residualDropout = 0.1 } == "resid_pdrop")
        #expect(rejection { $0.tieWordEmbeddings = false } == "tie_word_embeddings")
        #expect(rejection { $0.modelType = "llama" } == "model_type")
        #expect(rejection { $0.beginningOfSequenceTokenID = 256 } == "bos_token_id")
        #expect(rejection { $0.layerNormEpsilon = .nan } == "layer_norm_epsilon")
        #expect(rejection { $0.layers = 0 } == "n_layer")
    }

    @Test func invalidConfigIsNotWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var invalid = config
        invalid.heads = 5
        #expect(throws: GPT2ConfigError.invalidValue(path: directory.file("config.json").path, key: "n_head", value: "5", expected: "a positive divisor of n_embd (64)")) {
            try invalid.write(to: directory.file("config.json"))
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test func rejectedOptionalValueIsShownWithoutOptionalWrapping() {
        var invalid = config
        invalid.innerWidth = 100
        #expect(throws: GPT2ConfigError.invalidValue(path: "config.json", key: "n_inner", value: "100", expected: "null or 256 (4 × n_embd), the only MLP width TinyGPT builds")) {
            try invalid.validate(path: "config.json")
        }
    }
}
