/**
 * What the pane should show for the sample model, worked by hand from docs/DOMAIN.md's rules and the
 * sample model's inputs: constants, each with the arithmetic that gives it, never a value read off
 * the code. Same exports as ./sampleFigures.ts (sampleUsage, expectedFigures, ExpectedFigures,
 * sampleTermsGrid), so a test swaps one import for the other; unlike it, nothing here calls src/.
 *
 * The inputs (src/model's sampleTokens, MODELS, OPTIMIZATION, SAMPLE_BANDS; src/catalogue/termsPane.ts's samples):
 * - Tokens, MTok, month t = 1..24, model m: round(base_m x (1 + g_m)^(t-1) x (1 + 0.06 sin(2 pi (t-1) / 12)))
 *   (half up), base in / out: Opus 4.5 12,000 / 2,400, Sonnet 4.5 15,000 / 3,000, Haiku 4.5 20,000 / 4,000;
 *   g: 0.025, 0.02, 0.03. The table is below (SAMPLE_TOKENS).
 * - Prices, $/MTok (DOMAIN.md "Default price book"): input / output / cache write 5m / cache read:
 *   Opus 4.5 5 / 25 / 6.25 / 0.50; Sonnet 4.5 3 / 15 / 3.75 / 0.30; Haiku 4.5 1 / 5 / 1.25 / 0.10; batch 0.5.
 * - Optimization: cache hit h = 0.3, 5-minute write share w5 = 0.05, batch share b = 0.2, Opus routes
 *   s = 0.25 of its traffic to Sonnet 4.5 (the others route nothing); volatility 0.2.
 * - Bands: 250,000 -> 5%, 1,000,000 -> 10%, 2,500,000 -> 15%, 5,000,000 -> 20%.
 * - The Deal, draft / ask: commit 3,000,000 / 3,000,000; discount 0.15 / 0.15; overage_rate 1 / "committed";
 *   carryover 0 / 0.5; period_months 12 / 12; uplift 0.08 / 0; step_up 0.1 / 0; ratchet 0 / 0;
 *   excluded_share 0.05 / 0; renewal_cap "none" / 0.05; renewal_months 12 / 12; carryover_cap 0.25 / "none".
 *
 * Arithmetic is a calculator's: sums of the table, products, and for the Size step the sums of the
 * 1,000 scenario factors f_i = exp(0.2 z_i - 0.02), z_i the standard normal quantile at (i - 0.5) / 1000
 * (DOMAIN.md "Commit sizing"), taken to full precision (AS241, as DOMAIN.md "Usage under uncertainty"
 * asks of the quantiles). Fractions are kept exact where they end (1/0.85 = 20/17).
 *
 * The pane's figures (src/taskpane/steps): 1 usage at list over the term; 2 list less optimized; 3
 * expected cost at the draft commit less at the recommended commit (optimized usage, the draft's
 * overage rate and carryover, volatility 0.2, the band discount at each commit); 4 to 8 lever values
 * as LEVER_VALUES gives them over list usage (DOMAIN.md "The value of a lever": the whole draft, fine
 * print included, less the draft with that one term at its ask; the renewal horizon, the last 12
 * months repeated 12 times, at the renewal rate, is in every cost because renewal_cap is in the
 * table): 4 overage_rate; 5 carryover; 6 uplift + renewal_cap; 7 the term options' spread; 8 step_up
 * + ratchet + excluded_share + carryover_cap.
 */

/** Monthly token usage, MTok: [Opus in, Opus out, Sonnet in, Sonnet out, Haiku in, Haiku out]. */
export const SAMPLE_TOKENS: readonly (readonly number[])[] = [
  // Month 1: level 1 for every model: the base itself.
  [12_000, 2_400, 15_000, 3_000, 20_000, 4_000],
  // Month 2: seasonal 1 + 0.06 x sin(30 deg) = 1.03; Opus 1.025 x 1.03 = 1.05575: 12,000 x 1.05575 = 12,669,
  // 2,400 x 1.05575 = 2,533.8 -> 2,534; Sonnet 1.02 x 1.03 = 1.0506: 15,759, 3,151.8 -> 3,152; Haiku 1.03 x 1.03
  // = 1.0609: 21,218, 4,243.6 -> 4,244. Every later month the same way (seasonal factor in the table below).
  [12_669, 2_534, 15_759, 3_152, 21_218, 4_244],
  [13_263, 2_653, 16_417, 3_283, 22_321, 4_464],
  [13_698, 2_740, 16_873, 3_375, 23_166, 4_633],
  [13_934, 2_787, 17_080, 3_416, 23_680, 4_736],
  [13_984, 2_797, 17_058, 3_412, 23_881, 4_776],
  [13_916, 2_783, 16_892, 3_378, 23_881, 4_776],
  [13_836, 2_767, 16_713, 3_343, 23_860, 4_772],
  [13_861, 2_772, 16_662, 3_332, 24_019, 4_804],
  [14_087, 2_817, 16_851, 3_370, 24_530, 4_906],
  [14_563, 2_913, 17_335, 3_467, 25_482, 5_096],
  [15_273, 3_055, 18_091, 3_618, 26_854, 5_371],
  [16_139, 3_228, 19_024, 3_805, 28_515, 5_703],
  [17_038, 3_408, 19_986, 3_997, 30_252, 6_050],
  [17_837, 3_567, 20_821, 4_164, 31_824, 6_365],
  [18_422, 3_684, 21_399, 4_280, 33_029, 6_606],
  [18_740, 3_748, 21_662, 4_332, 33_762, 6_752],
  [18_807, 3_761, 21_634, 4_327, 34_049, 6_810],
  [18_716, 3_743, 21_424, 4_285, 34_049, 6_810],
  [18_608, 3_722, 21_197, 4_239, 34_018, 6_804],
  [18_642, 3_728, 21_131, 4_226, 34_245, 6_849],
  [18_946, 3_789, 21_371, 4_274, 34_974, 6_995],
  [19_585, 3_917, 21_985, 4_397, 36_331, 7_266],
  [20_540, 4_108, 22_944, 4_589, 38_288, 7_658],
];

/*
 * Each month's dollars (DOMAIN.md "Usage and optimization").
 *
 * List: Opus 5 in + 25 out, Sonnet 3 in + 15 out, Haiku 1 in + 5 out. Month 1: 60,000 + 60,000 + 45,000 +
 * 45,000 + 20,000 + 20,000 = 250,000.
 *
 * Optimized, per model: input at (1 - h - w5) p_in + h p_read + w5 p_write5m = (0.65 + 0.3 x 0.1 + 0.05 x 1.25)
 * p_in = 0.7425 p_in (every sample model's read price is 0.1 x input, its 5-minute write 1.25 x input); batch
 * multiplies the whole by 1 - 0.2 + 0.2 x 0.5 = 0.9. Opus routes 0.25 to Sonnet's prices:
 *   Opus   0.9 x (0.75 x (0.7425 x 5 in + 25 out) + 0.25 x (0.7425 x 3 in + 15 out)) = 3.007125 in + 20.25 out
 *   Sonnet 0.9 x (0.7425 x 3 in + 15 out)                                            = 2.00475 in + 13.5 out
 *   Haiku  0.9 x (0.7425 x 1 in + 5 out)                                             = 0.66825 in + 4.5 out
 * Month 1: 36,085.5 + 48,600 + 30,071.25 + 40,500 + 13,365 + 18,000 = 186,621.75.
 *
 * | month | seasonal | Opus in | out | Sonnet in | out | Haiku in | out | list $ | optimized $ |
 * |  1 | 1.000000 | 12,000 | 2,400 | 15,000 | 3,000 | 20,000 | 4,000 | 250,000 |     186,621.75 |
 * |  2 | 1.030000 | 12,669 | 2,534 | 15,759 | 3,152 | 21,218 | 4,244 | 263,690 | 196,832.550375 |
 * |  3 | 1.051962 | 13,263 | 2,653 | 16,417 | 3,283 | 22,321 | 4,464 | 275,777 | 205,843.237875 |
 * |  4 | 1.060000 | 13,698 | 2,740 | 16,873 | 3,375 | 23,166 | 4,633 | 284,565 |   212,394.4245 |
 * |  5 | 1.051962 | 13,934 | 2,787 | 17,080 | 3,416 | 23,680 | 4,736 | 289,185 |  215,831.31975 |
 * |  6 | 1.030000 | 13,984 | 2,797 | 17,058 | 3,412 | 23,881 | 4,776 | 289,960 |  216,400.38975 |
 * |  7 | 1.000000 | 13,916 | 2,783 | 16,892 | 3,378 | 23,881 | 4,776 | 288,262 |  215,120.61675 |
 * |  8 | 0.970000 | 13,836 | 2,767 | 16,713 | 3,343 | 23,860 | 4,772 | 286,359 |  213,692.66325 |
 * |  9 | 0.948038 | 13,861 | 2,772 | 16,662 | 3,332 | 24,019 | 4,804 | 286,610 | 213,868.600875 |
 * | 10 | 0.940000 | 14,087 | 2,817 | 16,851 | 3,370 | 24,530 | 4,906 | 291,023 | 217,151.834625 |
 * | 11 | 0.948038 | 14,563 | 2,913 | 17,335 | 3,467 | 25,482 | 5,096 | 300,612 | 224,298.199125 |
 * | 12 | 0.970000 | 15,273 | 3,055 | 18,091 | 3,618 | 26,854 | 5,371 | 314,992 | 235,017.187875 |
 * | 13 | 1.000000 | 16,139 | 3,228 | 19,024 | 3,805 | 28,515 | 5,703 | 332,572 | 248,123.503125 |
 * | 14 | 1.030000 | 17,038 | 3,408 | 19,986 | 3,997 | 30,252 | 6,050 | 350,805 |  261,714.72825 |
 * | 15 | 1.051962 | 17,837 | 3,567 | 20,821 | 4,164 | 31,824 | 6,365 | 366,932 | 273,733.626375 |
 * | 16 | 1.060000 | 18,422 | 3,684 | 21,399 | 4,280 | 33,029 | 6,606 | 378,666 |  282,476.53125 |
 * | 17 | 1.051962 | 18,740 | 3,748 | 21,662 | 4,332 | 33,762 | 6,752 | 384,888 |   287,104.8735 |
 * | 18 | 1.030000 | 18,807 | 3,761 | 21,634 | 4,327 | 34,049 | 6,810 | 385,966 | 287,898.755625 |
 * | 19 | 1.000000 | 18,716 | 3,743 | 21,424 | 4,285 | 34,049 | 6,810 | 383,801 |  286,272.60975 |
 * | 20 | 0.970000 | 18,608 | 3,722 | 21,197 | 4,239 | 34,018 | 6,804 | 381,304 |  284,398.79625 |
 * | 21 | 0.948038 | 18,642 | 3,728 | 21,131 | 4,226 | 34,245 | 6,849 | 381,683 |  284,668.91775 |
 * | 22 | 0.940000 | 18,946 | 3,789 | 21,371 | 4,274 | 34,974 | 6,995 | 387,627 |    289,091.628 |
 * | 23 | 0.948038 | 19,585 | 3,917 | 21,985 | 4,397 | 36,331 | 7,266 | 400,421 | 298,622.912625 |
 * | 24 | 0.970000 | 20,540 | 4,108 | 22,944 | 4,589 | 38,288 | 7,658 | 419,645 |   312,948.7875 |
 *
 * By period (checked both ways: the column sums above, and tokens summed per model first):
 *   months 1-12:  Opus 165,084 in / 33,018 out, Sonnet 200,731 / 40,146, Haiku 282,892 / 56,578
 *     list L1 = 825,420 + 825,450 + 602,193 + 602,190 + 282,892 + 282,890 = 3,421,035
 *     optimized O1 = 496,428.2235 + 668,614.5 + 402,415.47225 + 541,971 + 189,042.579 + 254,601 = 2,553,072.77475
 *   months 13-24: Opus 222,020 / 44,403, Sonnet 254,578 / 50,915, Haiku 403,336 / 80,668
 *     list L2 = 1,110,100 + 1,110,075 + 763,734 + 763,725 + 403,336 + 403,340 = 4,554,310
 *     optimized O2 = 667,641.8925 + 899,160.75 + 510,365.2455 + 687,352.5 + 269,529.282 + 363,006 = 3,397,055.67
 */

/** Monthly list dollars of the sample (the table's "list $"). */
export const SAMPLE_LIST: readonly number[] = [
  250_000, 263_690, 275_777, 284_565, 289_185, 289_960, 288_262, 286_359, 286_610, 291_023, 300_612, 314_992, 332_572,
  350_805, 366_932, 378_666, 384_888, 385_966, 383_801, 381_304, 381_683, 387_627, 400_421, 419_645,
];

/** Monthly optimized dollars of the sample (the table's "optimized $"). */
export const SAMPLE_OPTIMIZED: readonly number[] = [
  186_621.75, 196_832.550375, 205_843.237875, 212_394.4245, 215_831.31975, 216_400.38975, 215_120.61675, 213_692.66325,
  213_868.600875, 217_151.834625, 224_298.199125, 235_017.187875, 248_123.503125, 261_714.72825, 273_733.626375,
  282_476.53125, 287_104.8735, 287_898.755625, 286_272.60975, 284_398.79625, 284_668.91775, 289_091.628, 298_622.912625,
  312_948.7875,
];

/**
 * The tests' usage edit: Opus input in month 1 typed as 36,000 (three times 12,000). Only month 1 moves:
 * list + 24,000 x 5 = + 120,000 -> 370,000; optimized + 24,000 x 3.007125 = + 72,171 -> 258,792.75.
 * So L1' = 3,541,035 and O1' = 2,625,243.77475; L2 and O2 are unchanged.
 */
export const EDITED_OPUS_INPUT = 36_000;
export const EDITED_LIST: readonly number[] = [370_000, ...SAMPLE_LIST.slice(1)];
export const EDITED_OPTIMIZED: readonly number[] = [258_792.75, ...SAMPLE_OPTIMIZED.slice(1)];

/*
 * Steps 1 and 2.
 *   usage at list     L1 + L2 = 3,421,035 + 4,554,310 = 7,975,345
 *   optimized         O1 + O2 = 2,553,072.77475 + 3,397,055.67 = 5,950,128.44475
 *   optimization saves 7,975,345 - 5,950,128.44475 = 2,025,216.55525
 * With the edit: 8,095,345 and 6,022,299.44475: saves 2,073,045.55525.
 */
const USAGE_AT_LIST = 7_975_345;
const OPTIMIZATION_SAVES = 2_025_216.55525;
const EDITED_USAGE_AT_LIST = 8_095_345;
const EDITED_OPTIMIZATION_SAVES = 2_073_045.55525;

/*
 * Step 3, Size (DOMAIN.md "Commit sizing"). Optimized usage, two 12-month periods, carryover 0, overage at
 * list (m = 1), the band's discount d at commit C. In scenario i every month is scaled by f_i, so the cost is
 *   2C + sum over periods k of max(0, (1 - d) O_k f_i - C) / (1 - d) = 2C + sum_k max(0, O_k f_i - K), K = C / (1 - d),
 * and the expected cost is its mean over the 1,000 scenarios. A period is in overage in scenario i when
 * f_i > K / O_k, i.e. z_i > (ln(K / O_k) + 0.02) / 0.2, i.e. (i - 0.5) / 1000 > Phi(that): the top n_k
 * scenarios. With F(n) = the sum of the n largest f_i:
 *   expected cost = 2C + (O_1 F(n_1) - n_1 K + O_2 F(n_2) - n_2 K) / 1000.
 * Factor sums (calculator): F(43) = 64.611666380186, F(57) = 83.685385848170, F(210) = 272.081373088335,
 * F(252) = 319.781298701750, F(385) = 463.163922930687, F(733) = 794.400223692658, F(811) = 860.245868921811,
 * F(815) = 863.527997019289, F(985) = 991.072079195499, F(989) = 993.583439979004 (F(1000) = 999.972120207975).
 *
 * The draft, C = 3,000,000: band 15% (2,500,000 <= C < 5,000,000); K = 3,000,000 / 0.85 = 3,529,411.764706.
 *   period 1: K / O1 = 1.382417, z > 1.719168, Phi = 0.957208: n = 43; 2,553,072.77475 x 64.611666380186
 *     - 43 K = 13,193,580.484129
 *   period 2: K / O2 = 1.038962, z > 0.291111, Phi = 0.614517: n = 385; 3,397,055.67 x 463.163922930687
 *     - 385 K = 214,570,101.119370
 *   expected cost = 6,000,000 + 227,763,681.603499 / 1000 = 6,227,763.681603
 *
 * The recommended commit. Within one band the expected cost is convex in C, with slope
 * 2 - (number of (scenario, period) pairs in overage) / (1000 (1 - d)): it falls while more than 2,000 (1 - d)
 * pairs are in overage and is flat where exactly that many are.
 *   - band 0 (C < 250,000): slope >= 0 (at most 2,000 pairs): lowest at C = 0, cost O1 + O2 times the mean
 *     factor = 5,950,128.44475 x 0.999972 = 5,949,962.56.
 *   - band 5% (250,000 to 1,000,000): at C < 1,000,000 every pair is in overage (K < 1,052,632 < O_k f_1):
 *     slope 2 - 2 / 0.95 < 0, so the band's lowest is at its end, above band 10%'s cost there.
 *   - band 10% (1,000,000 to 2,500,000): flat where 1,800 pairs are in overage: the 1,800 largest O_k f_i are
 *     period 1's top 811 and period 2's top 989 (at C = 1,888,850: K = 2,098,722, K / O1 = 0.822038, z >
 *     -0.879845, Phi = 0.189472: 811; K / O2 = 0.617806, z > -2.307902, Phi = 0.010502: 989; the flat stretch
 *     runs from C = 1,888,818.81 to 1,888,889.45). There 2C = 1.8 K cancels the 1,800 K's:
 *       cost = (O1 F(811) + O2 F(989)) / 1000 = (2,196,270,307.535434 + 3,375,258,258.398779) / 1000 = 5,571,528.565934
 *   - band 15% (2,500,000 to 5,000,000): at 2,500,000 only 943 pairs are in overage (below 1,700): slope > 0,
 *     lowest at C = 2,500,000, K = 2,941,176.470588: period 1 K / O1 = 1.152014, z > 0.807560, Phi = 0.790328:
 *     n = 210, 2,553,072.77475 x 272.081373088335 - 210 K = 76,996,487.324896; period 2 K / O2 = 0.865802,
 *     z > -0.620497, Phi = 0.267465: n = 733, 3,397,055.67 x 794.400223692658 - 733 K = 542,739,431.203235;
 *     cost = 5,000,000 + 619,735,918.528131 / 1000 = 5,619,735.918528
 *   - band 20% (5,000,000 and up): 2C alone is 10,000,000.
 *   Lowest: band 10%, 5,571,528.565934.
 * Size saves 6,227,763.681603 - 5,571,528.565934 = 656,235.115669.
 *
 * At a draft commit of 2,500,000 (the tests' edit): 5,619,735.918528 - 5,571,528.565934 = 48,207.352594.
 *
 * With the usage edit, O1' = 2,625,243.77475 (O2 unchanged):
 *   draft 3,000,000: K / O1' = 1.344413, z > 1.579787, Phi = 0.942922: n = 57; 2,625,243.77475 x 83.685385848170
 *     - 57 K = 18,518,067.647224; cost = 6,000,000 + (18,518,067.647224 + 214,570,101.119370) / 1000 = 6,233,088.168767
 *   band 10% flat at 1,800 pairs: period 1's top 815 (at C = 1,936,480: K / O1' = 0.819598, Phi = 0.185472) and
 *     period 2's top 985 (K / O2 = 0.633385, Phi = 0.014504):
 *     cost = (2,625,243.77475 x 863.527997019289 + 3,397,055.67 x 991.072079195499) / 1000
 *          = (2,266,971,498.497226 + 3,366,727,026.009759) / 1000 = 5,633,698.524507
 *   band 15% at 2,500,000: K / O1' = 1.120344, Phi = 0.747990: n = 252; 2,625,243.77475 x 319.781298701750
 *     - 252 K = 98,327,393.110005; cost = 5,000,000 + (98,327,393.110005 + 542,739,431.203235) / 1000 = 5,641,066.824313
 *   lowest still band 10% (band 0: 6,022,299.44475 x 0.999972 = 6,022,131.6; band 20% >= 10,000,000).
 *   Size saves, draft 3,000,000: 6,233,088.168767 - 5,633,698.524507 = 599,389.644260
 *   Size saves, draft 2,500,000: 5,641,066.824313 - 5,633,698.524507 = 7,368.299806
 *
 * Quantile accuracy: these use z_i accurate to about 1e-16, as DOMAIN.md "Usage under uncertainty" asks
 * (1e-15). Acklam's approximation without its refinement step (z off by up to 3.2e-9, the core's before
 * issue 27) moved each figure by a few hundred-thousandths of a dollar (656,235.115664, 48,207.352571,
 * 599,389.644243, 7,368.299772).
 */
const SIZE_SAVES = 656_235.115669287;
const SIZE_SAVES_AT_2_500_000 = 48_207.352593917;
const EDITED_SIZE_SAVES = 599_389.644259609;
const EDITED_SIZE_SAVES_AT_2_500_000 = 7_368.299806251;

/*
 * Steps 4, 5, 6, 8 and the summary: LEVER_VALUES over list usage (DOMAIN.md "The commitment ledger", "The value
 * of a lever", "Carryover cap", "The yardstick").
 *
 * The draft over list usage, two 12-month periods:
 *   uplift 0.08 without a lock: year 2 at 1.08 x list: U1 = 3,421,035, U2 = 1.08 x 4,554,310 = 4,918,654.8
 *   excluded share 0.05 counts nothing and is billed at m x list: 1 x 0.05 x (U1 + U2) = 0.05 x 8,339,689.8 = 416,984.49
 *   drawn D_k = 0.85 x 0.95 x U_k: D1 = 0.8075 x 3,421,035 = 2,762,485.7625; D2 = 0.8075 x 4,918,654.8 = 3,971,813.751
 *   step-up 0.1: C1 = 3,000,000, C2 = 3,300,000
 *   period 1: unused 237,514.2375, all forfeited (carryover 0; the 0.25 cap has nothing to cap)
 *   period 2: overage E2 = 671,813.751, billed at list: 671,813.751 / 0.85 = 790,369.118824 (= 0.95 U2 - 3,300,000 / 0.85)
 *   renewal: no cap: at list, over months 13-24 repeated once: 1 x 4,554,310
 *   draft cost = 6,300,000 + 790,369.118824 + 416,984.49 + 4,554,310 = 12,061,663.608824
 *
 * Each ask alone (draft cost less the cost with that one term at its ask):
 *   overage_rate "committed" (m = 0.85): overage billed 0.85 x 671,813.751 / 0.85 = 671,813.751, excluded usage
 *     0.85 x 416,984.49 = 354,436.8165: saves 118,555.367824 + 62,547.6735 = 181,103.041324 (= 1,231,500,681 / 6,800)
 *   carryover 0.5: carry out min(0.5 x 237,514.2375, 0.25 x 3,000,000) = 118,757.11875 into period 2, which
 *     is in overage: billed 118,757.11875 / 0.85 less: saves 139,714.257353 (= 19,001,139 / 136)
 *   uplift 0 (locked): U2 = 4,554,310, D2 = 3,677,605.325, E2 = 377,605.325, billed 444,241.558824; excluded
 *     0.05 x 7,975,345 = 398,767.25: saves (790,369.118824 - 444,241.558824) + (416,984.49 - 398,767.25)
 *     = 346,127.56 + 18,217.24 = 364,344.8
 *   step_up 0: C2 = 3,000,000: 300,000 less commitment, 300,000 more overage billed 300,000 / 0.85 = 352,941.176471:
 *     saves 300,000 - 352,941.176471 = -52,941.176471 (= -900,000 / 17: the step-up was cheaper here)
 *   excluded_share 0: D1 = 0.85 x 3,421,035 = 2,907,879.75 (still under 3,000,000), D2 = 0.85 x 4,918,654.8
 *     = 4,180,856.58, E2 = 880,856.58, billed 1,036,301.858824, nothing billed apart:
 *     saves 790,369.118824 + 416,984.49 - 1,036,301.858824 = 171,051.75
 *   renewal_cap 0.05: renewal rate (1 - 0.15) x 1.05 = 0.8925: saves 4,554,310 x 0.1075 = 489,588.325
 *   carryover_cap none: the draft carries nothing (carryover 0), so the cap never binds: 0
 *   (commit, discount, period_months, ratchet, renewal_months: draft = ask, no row.)
 * Ranked: 489,588.325; 364,344.8; 181,103.041324; 171,051.75; 139,714.257353; 0; -52,941.176471.
 *
 * The yardstick, d = 0.16 (the renewal still resets to list, excluded usage still at list): only period 2's
 *   overage bill moves, 0.95 U2 - 3,300,000 / 0.84 instead of / 0.85: saves 3,300,000 x (1 / 0.84 - 1 / 0.85)
 *   = 3,300,000 x 0.01 / 0.714 = 46,218.487395 (= 5,500,000 / 119)
 *
 * All asks together (C 3,000,000 both years, d 0.15, m = 0.85, carryover 0.5 uncapped, locked, nothing
 *   excluded, renewal cap 0.05): D1 = 2,907,879.75, unused 92,120.25, carry 46,060.125, forfeited 46,060.125;
 *   D2 = 0.85 x 4,554,310 = 3,871,163.5 against 3,046,060.125: E2 = 825,103.375, billed 0.85 x E2 / 0.85 = 825,103.375;
 *   renewal 0.8925 x 4,554,310 = 4,064,721.675; cost 6,000,000 + 825,103.375 + 4,064,721.675 = 10,889,825.05;
 *   saves 12,061,663.608824 - 10,889,825.05 = 1,171,838.558824 (= 39,842,511 / 34)
 *
 * Steps: 4 overage 181,103.041324; 5 carryover 139,714.257353; 6 uplift + renewal cap 364,344.8 + 489,588.325
 *   = 853,933.125; 8 step-up + ratchet + exclusion + carryover cap -52,941.176471 + 0 + 171,051.75 + 0
 *   = 118,110.573529 (= 8,031,519 / 68).
 *
 * Step 4 in the tests' other cases (overage at committed rate saves (1 - 0.85) / 0.85 x (E1 + E2) + 0.15 x 0.05
 * x (U1 + U2)):
 *   draft commit 2,500,000 (C2 = 2,750,000): E1 = 2,762,485.7625 - 2,500,000 = 262,485.7625, E2 = 3,971,813.751
 *     - 2,750,000 = 1,221,813.751: 0.15 / 0.85 x 1,484,299.5135 + 0.0075 x 8,339,689.8 = 261,935.208265 + 62,547.6735
 *     = 324,482.881765 (= 551,620,899 / 1,700)
 *   usage edit (U1' = 3,541,035, D1' = 2,859,385.7625 < 3,000,000): E2 unchanged; excluded + 0.0075 x 120,000
 *     = + 900: 182,003.041324
 *   usage edit and 2,500,000: E1 = 359,385.7625, E2 = 1,221,813.751: 0.15 / 0.85 x 1,581,199.5135
 *     + 0.0075 x 8,459,689.8 = 279,035.208265 + 63,447.6735 = 342,482.881765 (= 582,220,899 / 1,700)
 */
const LEVERS = {
  overage_rate: 181_103.041323529,
  carryover: 139_714.257352941,
  uplift: 364_344.8,
  step_up: -52_941.176470588,
  excluded_share: 171_051.75,
  renewal_cap: 489_588.325,
  carryover_cap: 0,
};
const RANKED = [
  LEVERS.renewal_cap,
  LEVERS.uplift,
  LEVERS.overage_rate,
  LEVERS.excluded_share,
  LEVERS.carryover,
  LEVERS.carryover_cap,
  LEVERS.step_up,
];
const YARDSTICK = 46_218.487394958;
const ALL_ASKS = 1_171_838.558823529;
/** Step 6: uplift + renewal cap, 364,344.8 + 489,588.325. */
const PROTECTION = 853_933.125;
/** Step 8: step-up + ratchet + exclusion + carryover cap, -52,941.176471 + 0 + 171,051.75 + 0. */
const FINE_PRINT = 118_110.573529412;
const OVERAGE_AT_2_500_000 = 324_482.881764706;
const EDITED_OVERAGE = 182_003.041323529;
const EDITED_OVERAGE_AT_2_500_000 = 342_482.881764706;

/*
 * Step 7, Term length (DOMAIN.md "The value of a lever", term; "Projection"). The base terms only (C 3,000,000,
 * d 0.15, m 1, carryover 0, 12-month periods; no fine print), over 36 months: the 24 months of list usage, then
 * a linear projection of 12 (least squares, as TREND): x = 1..24, x-bar = 12.5, Sxx = 24 x (24^2 - 1) / 12 = 1,150,
 * sum y = 7,975,345, sum xy = 107,844,143; slope b = (107,844,143 - 12.5 x 7,975,345) / 1,150 = 7,088.983043,
 * a = 7,975,345 / 24 - 12.5 b = 243,693.753623; months 25..36 = a + b x, 420,918.33 to 498,897.14 (all > 0),
 * sum P = 12a + 366b = 5,518,892.837391. Renewal (no cap) at list, rate 1.
 *   12-month term: period 1 draws 0.85 x 3,421,035 = 2,907,879.75 < 3,000,000: 3,000,000; then months 13-36 at
 *     list: 4,554,310 + 5,518,892.837391: 13,073,202.837391
 *   24-month term: period 2 draws 0.85 x 4,554,310 = 3,871,163.5: billed 4,554,310 - 3,000,000 / 0.85;
 *     6,000,000 + 1,024,898.235294 + 5,518,892.837391 = 12,543,791.072685
 *   36-month term: period 3 draws 0.85 x 5,518,892.837391 = 4,691,058.91 > 3,000,000: billed P - 3,000,000 / 0.85;
 *     9,000,000 + 1,024,898.235294 + 1,989,481.072685 = 12,014,379.307980
 *   spread, dearest less cheapest: 12-month less 36-month = 3,000,000 - 9,000,000 + 6,000,000 / 0.85
 *     = 18,000,000 / 17 = 1,058,823.529412
 * With the user's option at 18 months (period 2 is 6 months, commit 1,500,000: 12,808,496.955038) the dearest
 * and cheapest are still 12 and 36 months: 1,058,823.529412.
 */
const TERM_SPREAD = 1_058_823.529411765;

export interface ExpectedFigures {
  /** The eight steps' headline figures, in order. */
  readonly steps: number[];
  /** The summary's ranked lever values (without the yardstick or "All asks together"). */
  readonly levers: number[];
  readonly total: number;
  /** One point of headline discount, valued like an ask (DOMAIN.md "The yardstick"). */
  readonly yardstick: number;
}

/** The sample's figures (commit 3,000,000; the term step's own option 12 or 18 months). */
const SAMPLE: ExpectedFigures = {
  steps: [
    USAGE_AT_LIST,
    OPTIMIZATION_SAVES,
    SIZE_SAVES,
    LEVERS.overage_rate,
    LEVERS.carryover,
    PROTECTION,
    TERM_SPREAD,
    FINE_PRINT,
  ],
  levers: RANKED,
  total: ALL_ASKS,
  yardstick: YARDSTICK,
};

/**
 * The other cases the tests use, worked only as far as they read them (steps 1 to 4); every other figure
 * is NaN, so a test that starts reading one fails instead of passing on a figure nobody worked out.
 */
const partial = (steps: number[]): ExpectedFigures => ({
  steps: [...steps, ...new Array<number>(8 - steps.length).fill(Number.NaN)],
  levers: [Number.NaN],
  total: Number.NaN,
  yardstick: Number.NaN,
});

const CASES: Record<string, ExpectedFigures> = {
  "sample 3000000 12": SAMPLE,
  "sample 3000000 18": SAMPLE,
  "sample 2500000 12": partial([USAGE_AT_LIST, OPTIMIZATION_SAVES, SIZE_SAVES_AT_2_500_000, OVERAGE_AT_2_500_000]),
  "edited 3000000 12": partial([EDITED_USAGE_AT_LIST, EDITED_OPTIMIZATION_SAVES, EDITED_SIZE_SAVES, EDITED_OVERAGE]),
  "edited 2500000 12": partial([
    EDITED_USAGE_AT_LIST,
    EDITED_OPTIMIZATION_SAVES,
    EDITED_SIZE_SAVES_AT_2_500_000,
    EDITED_OVERAGE_AT_2_500_000,
  ]),
};

const same = (xs: readonly number[], ys: readonly number[]) =>
  xs.length === ys.length && xs.every((x, i) => x === ys[i]);

/**
 * Monthly list and optimized dollars of the sample usage: the hand-worked months above. `tokens` (as
 * `sampleTokens(24)` gives them, possibly edited) must be the table above, or it with Opus input in
 * month 1 typed as 36,000; anything else has no hand-worked golden and throws.
 */
export function sampleUsage(tokens?: readonly (readonly { input: number; output: number }[])[]): {
  usage: number[];
  optimized: number[];
} {
  const flat = tokens?.map((month) => month.flatMap((t) => [t.input, t.output]));
  const edited = SAMPLE_TOKENS.map((month, t) => (t === 0 ? [EDITED_OPUS_INPUT, ...month.slice(1)] : month));
  if (!flat || (flat.length === 24 && flat.every((month, t) => same(month, SAMPLE_TOKENS[t]!)))) {
    return { usage: [...SAMPLE_LIST], optimized: [...SAMPLE_OPTIMIZED] };
  }
  if (flat.length === 24 && flat.every((month, t) => same(month, edited[t]!))) {
    return { usage: [...EDITED_LIST], optimized: [...EDITED_OPTIMIZED] };
  }
  throw new Error("sampleGoldens: no hand-worked figures for these tokens");
}

/** The sample deal's terms table, as the Deal sheet holds it, with the draft commit replaced when given. */
export function sampleTermsGrid(commit?: number): (string | number | null)[][] {
  return [
    ["Key", "Draft", "Ask"],
    ["commit", commit ?? 3_000_000, 3_000_000],
    ["discount", 0.15, 0.15],
    ["overage_rate", 1, "committed"],
    ["carryover", 0, 0.5],
    ["period_months", 12, 12],
    ["uplift", 0.08, 0],
    ["step_up", 0.1, 0],
    ["ratchet", 0, 0],
    ["excluded_share", 0.05, 0],
    ["renewal_cap", "none", 0.05],
    ["renewal_months", 12, 12],
    ["carryover_cap", 0.25, "none"],
  ];
}

/**
 * The figures the pane should show for `usage` and `optimized` (as `sampleUsage` returns them), a draft
 * commit (default the sample's 3,000,000) and the term step's own option (default 12 months). Only the
 * cases worked above exist; any other throws.
 */
export function expectedFigures(
  usage: readonly number[],
  optimized: readonly number[],
  commit?: number,
  termOption = 12,
): ExpectedFigures {
  const which =
    same(usage, SAMPLE_LIST) && same(optimized, SAMPLE_OPTIMIZED)
      ? "sample"
      : same(usage, EDITED_LIST) && same(optimized, EDITED_OPTIMIZED)
        ? "edited"
        : undefined;
  const figures = which && CASES[`${which} ${commit ?? 3_000_000} ${termOption}`];
  if (!figures) {
    throw new Error(
      `sampleGoldens: no hand-worked figures for ${which ?? "this usage"}, commit ${commit}, term ${termOption}`,
    );
  }
  return figures;
}
