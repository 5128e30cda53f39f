/**
 * Every Wasm 2.0 instruction as one line of text: opcode, mnemonic, immediate kind, and,
 * for instructions whose operand types are fixed, the signature `params -> results`.
 *
 * Opcodes are numbers: a single-byte opcode is itself; a prefixed opcode is
 * `prefix << 8 | sub` (0xFC sub n → 0xFC00 + n, 0xFD sub n → 0xFD00 + n). Every Wasm 2.0
 * sub-opcode is below 256, so the encoding is unambiguous.
 *
 * Immediate kinds (the bytes that follow the opcode):
 *   blocktype   block type (s33)                 label       label index
 *   br_table    vector of labels + default       func        function index
 *   call_ind    type index, table index          local       local index
 *   global      global index                     table       table index
 *   memarg=N    align, offset; natural align 2^N zero        one reserved 0x00 byte
 *   zero2       two reserved 0x00 bytes          const_i32   signed LEB constant (also _i64)
 *   const_f32   little-endian IEEE bits (_f64)   reftype     reference type byte
 *   valtypes    vector of value types            data        data segment index
 *   data_zero   data index, then 0x00            elem        element segment index
 *   elem_table  element index, table index       table2      two table indices
 *   const_v128  16 bytes                         shuffle     16 lane indices (< 32)
 *   lane=N      lane index below N               memlane=A,N memarg (natural 2^A), lane < N
 *
 * A line without `->` is typed by the validator's special cases.
 */
export const OPCODE_TABLE = `
00 unreachable
01 nop
02 block blocktype
03 loop blocktype
04 if blocktype
05 else
0b end
0c br label
0d br_if label
0e br_table br_table
0f return
10 call func
11 call_indirect call_ind
1a drop
1b select
1c select valtypes
20 local.get local
21 local.set local
22 local.tee local
23 global.get global
24 global.set global
25 table.get table
26 table.set table
28 i32.load memarg=2 i32 -> i32
29 i64.load memarg=3 i32 -> i64
2a f32.load memarg=2 i32 -> f32
2b f64.load memarg=3 i32 -> f64
2c i32.load8_s memarg=0 i32 -> i32
2d i32.load8_u memarg=0 i32 -> i32
2e i32.load16_s memarg=1 i32 -> i32
2f i32.load16_u memarg=1 i32 -> i32
30 i64.load8_s memarg=0 i32 -> i64
31 i64.load8_u memarg=0 i32 -> i64
32 i64.load16_s memarg=1 i32 -> i64
33 i64.load16_u memarg=1 i32 -> i64
34 i64.load32_s memarg=2 i32 -> i64
35 i64.load32_u memarg=2 i32 -> i64
36 i32.store memarg=2 i32 i32 ->
37 i64.store memarg=3 i32 i64 ->
38 f32.store memarg=2 i32 f32 ->
39 f64.store memarg=3 i32 f64 ->
3a i32.store8 memarg=0 i32 i32 ->
3b i32.store16 memarg=1 i32 i32 ->
3c i64.store8 memarg=0 i32 i64 ->
3d i64.store16 memarg=1 i32 i64 ->
3e i64.store32 memarg=2 i32 i64 ->
3f memory.size zero -> i32
40 memory.grow zero i32 -> i32
41 i32.const const_i32 -> i32
42 i64.const const_i64 -> i64
43 f32.const const_f32 -> f32
44 f64.const const_f64 -> f64
45 i32.eqz i32 -> i32
46 i32.eq i32 i32 -> i32
47 i32.ne i32 i32 -> i32
48 i32.lt_s i32 i32 -> i32
49 i32.lt_u i32 i32 -> i32
4a i32.gt_s i32 i32 -> i32
4b i32.gt_u i32 i32 -> i32
4c i32.le_s i32 i32 -> i32
4d i32.le_u i32 i32 -> i32
4e i32.ge_s i32 i32 -> i32
4f i32.ge_u i32 i32 -> i32
50 i64.eqz i64 -> i32
51 i64.eq i64 i64 -> i32
52 i64.ne i64 i64 -> i32
53 i64.lt_s i64 i64 -> i32
54 i64.lt_u i64 i64 -> i32
55 i64.gt_s i64 i64 -> i32
56 i64.gt_u i64 i64 -> i32
57 i64.le_s i64 i64 -> i32
58 i64.le_u i64 i64 -> i32
59 i64.ge_s i64 i64 -> i32
5a i64.ge_u i64 i64 -> i32
5b f32.eq f32 f32 -> i32
5c f32.ne f32 f32 -> i32
5d f32.lt f32 f32 -> i32
5e f32.gt f32 f32 -> i32
5f f32.le f32 f32 -> i32
60 f32.ge f32 f32 -> i32
61 f64.eq f64 f64 -> i32
62 f64.ne f64 f64 -> i32
63 f64.lt f64 f64 -> i32
64 f64.gt f64 f64 -> i32
65 f64.le f64 f64 -> i32
66 f64.ge f64 f64 -> i32
67 i32.clz i32 -> i32
68 i32.ctz i32 -> i32
69 i32.popcnt i32 -> i32
6a i32.add i32 i32 -> i32
6b i32.sub i32 i32 -> i32
6c i32.mul i32 i32 -> i32
6d i32.div_s i32 i32 -> i32
6e i32.div_u i32 i32 -> i32
6f i32.rem_s i32 i32 -> i32
70 i32.rem_u i32 i32 -> i32
71 i32.and i32 i32 -> i32
72 i32.or i32 i32 -> i32
73 i32.xor i32 i32 -> i32
74 i32.shl i32 i32 -> i32
75 i32.shr_s i32 i32 -> i32
76 i32.shr_u i32 i32 -> i32
77 i32.rotl i32 i32 -> i32
78 i32.rotr i32 i32 -> i32
79 i64.clz i64 -> i64
7a i64.ctz i64 -> i64
7b i64.popcnt i64 -> i64
7c i64.add i64 i64 -> i64
7d i64.sub i64 i64 -> i64
7e i64.mul i64 i64 -> i64
7f i64.div_s i64 i64 -> i64
80 i64.div_u i64 i64 -> i64
81 i64.rem_s i64 i64 -> i64
82 i64.rem_u i64 i64 -> i64
83 i64.and i64 i64 -> i64
84 i64.or i64 i64 -> i64
85 i64.xor i64 i64 -> i64
86 i64.shl i64 i64 -> i64
87 i64.shr_s i64 i64 -> i64
88 i64.shr_u i64 i64 -> i64
89 i64.rotl i64 i64 -> i64
8a i64.rotr i64 i64 -> i64
8b f32.abs f32 -> f32
8c f32.neg f32 -> f32
8d f32.ceil f32 -> f32
8e f32.floor f32 -> f32
8f f32.trunc f32 -> f32
90 f32.nearest f32 -> f32
91 f32.sqrt f32 -> f32
92 f32.add f32 f32 -> f32
93 f32.sub f32 f32 -> f32
94 f32.mul f32 f32 -> f32
95 f32.div f32 f32 -> f32
96 f32.min f32 f32 -> f32
97 f32.max f32 f32 -> f32
98 f32.copysign f32 f32 -> f32
99 f64.abs f64 -> f64
9a f64.neg f64 -> f64
9b f64.ceil f64 -> f64
9c f64.floor f64 -> f64
9d f64.trunc f64 -> f64
9e f64.nearest f64 -> f64
9f f64.sqrt f64 -> f64
a0 f64.add f64 f64 -> f64
a1 f64.sub f64 f64 -> f64
a2 f64.mul f64 f64 -> f64
a3 f64.div f64 f64 -> f64
a4 f64.min f64 f64 -> f64
a5 f64.max f64 f64 -> f64
a6 f64.copysign f64 f64 -> f64
a7 i32.wrap_i64 i64 -> i32
a8 i32.trunc_f32_s f32 -> i32
a9 i32.trunc_f32_u f32 -> i32
aa i32.trunc_f64_s f64 -> i32
ab i32.trunc_f64_u f64 -> i32
ac i64.extend_i32_s i32 -> i64
ad i64.extend_i32_u i32 -> i64
ae i64.trunc_f32_s f32 -> i64
af i64.trunc_f32_u f32 -> i64
b0 i64.trunc_f64_s f64 -> i64
b1 i64.trunc_f64_u f64 -> i64
b2 f32.convert_i32_s i32 -> f32
b3 f32.convert_i32_u i32 -> f32
b4 f32.convert_i64_s i64 -> f32
b5 f32.convert_i64_u i64 -> f32
b6 f32.demote_f64 f64 -> f32
b7 f64.convert_i32_s i32 -> f64
b8 f64.convert_i32_u i32 -> f64
b9 f64.convert_i64_s i64 -> f64
ba f64.convert_i64_u i64 -> f64
bb f64.promote_f32 f32 -> f64
bc i32.reinterpret_f32 f32 -> i32
bd i64.reinterpret_f64 f64 -> i64
be f32.reinterpret_i32 i32 -> f32
bf f64.reinterpret_i64 i64 -> f64
c0 i32.extend8_s i32 -> i32
c1 i32.extend16_s i32 -> i32
c2 i64.extend8_s i64 -> i64
c3 i64.extend16_s i64 -> i64
c4 i64.extend32_s i64 -> i64
d0 ref.null reftype
d1 ref.is_null
d2 ref.func func
fc00 i32.trunc_sat_f32_s f32 -> i32
fc01 i32.trunc_sat_f32_u f32 -> i32
fc02 i32.trunc_sat_f64_s f64 -> i32
fc03 i32.trunc_sat_f64_u f64 -> i32
fc04 i64.trunc_sat_f32_s f32 -> i64
fc05 i64.trunc_sat_f32_u f32 -> i64
fc06 i64.trunc_sat_f64_s f64 -> i64
fc07 i64.trunc_sat_f64_u f64 -> i64
fc08 memory.init data_zero i32 i32 i32 ->
fc09 data.drop data ->
fc0a memory.copy zero2 i32 i32 i32 ->
fc0b memory.fill zero i32 i32 i32 ->
fc0c table.init elem_table
fc0d elem.drop elem
fc0e table.copy table2
fc0f table.grow table
fc10 table.size table
fc11 table.fill table
fd00 v128.load memarg=4 i32 -> v128
fd01 v128.load8x8_s memarg=3 i32 -> v128
fd02 v128.load8x8_u memarg=3 i32 -> v128
fd03 v128.load16x4_s memarg=3 i32 -> v128
fd04 v128.load16x4_u memarg=3 i32 -> v128
fd05 v128.load32x2_s memarg=3 i32 -> v128
fd06 v128.load32x2_u memarg=3 i32 -> v128
fd07 v128.load8_splat memarg=0 i32 -> v128
fd08 v128.load16_splat memarg=1 i32 -> v128
fd09 v128.load32_splat memarg=2 i32 -> v128
fd0a v128.load64_splat memarg=3 i32 -> v128
fd0b v128.store memarg=4 i32 v128 ->
fd0c v128.const const_v128 -> v128
fd0d i8x16.shuffle shuffle v128 v128 -> v128
fd0e i8x16.swizzle v128 v128 -> v128
fd0f i8x16.splat i32 -> v128
fd10 i16x8.splat i32 -> v128
fd11 i32x4.splat i32 -> v128
fd12 i64x2.splat i64 -> v128
fd13 f32x4.splat f32 -> v128
fd14 f64x2.splat f64 -> v128
fd15 i8x16.extract_lane_s lane=16 v128 -> i32
fd16 i8x16.extract_lane_u lane=16 v128 -> i32
fd17 i8x16.replace_lane lane=16 v128 i32 -> v128
fd18 i16x8.extract_lane_s lane=8 v128 -> i32
fd19 i16x8.extract_lane_u lane=8 v128 -> i32
fd1a i16x8.replace_lane lane=8 v128 i32 -> v128
fd1b i32x4.extract_lane lane=4 v128 -> i32
fd1c i32x4.replace_lane lane=4 v128 i32 -> v128
fd1d i64x2.extract_lane lane=2 v128 -> i64
fd1e i64x2.replace_lane lane=2 v128 i64 -> v128
fd1f f32x4.extract_lane lane=4 v128 -> f32
fd20 f32x4.replace_lane lane=4 v128 f32 -> v128
fd21 f64x2.extract_lane lane=2 v128 -> f64
fd22 f64x2.replace_lane lane=2 v128 f64 -> v128
fd23 i8x16.eq v128 v128 -> v128
fd24 i8x16.ne v128 v128 -> v128
fd25 i8x16.lt_s v128 v128 -> v128
fd26 i8x16.lt_u v128 v128 -> v128
fd27 i8x16.gt_s v128 v128 -> v128
fd28 i8x16.gt_u v128 v128 -> v128
fd29 i8x16.le_s v128 v128 -> v128
fd2a i8x16.le_u v128 v128 -> v128
fd2b i8x16.ge_s v128 v128 -> v128
fd2c i8x16.ge_u v128 v128 -> v128
fd2d i16x8.eq v128 v128 -> v128
fd2e i16x8.ne v128 v128 -> v128
fd2f i16x8.lt_s v128 v128 -> v128
fd30 i16x8.lt_u v128 v128 -> v128
fd31 i16x8.gt_s v128 v128 -> v128
fd32 i16x8.gt_u v128 v128 -> v128
fd33 i16x8.le_s v128 v128 -> v128
fd34 i16x8.le_u v128 v128 -> v128
fd35 i16x8.ge_s v128 v128 -> v128
fd36 i16x8.ge_u v128 v128 -> v128
fd37 i32x4.eq v128 v128 -> v128
fd38 i32x4.ne v128 v128 -> v128
fd39 i32x4.lt_s v128 v128 -> v128
fd3a i32x4.lt_u v128 v128 -> v128
fd3b i32x4.gt_s v128 v128 -> v128
fd3c i32x4.gt_u v128 v128 -> v128
fd3d i32x4.le_s v128 v128 -> v128
fd3e i32x4.le_u v128 v128 -> v128
fd3f i32x4.ge_s v128 v128 -> v128
fd40 i32x4.ge_u v128 v128 -> v128
fd41 f32x4.eq v128 v128 -> v128
fd42 f32x4.ne v128 v128 -> v128
fd43 f32x4.lt v128 v128 -> v128
fd44 f32x4.gt v128 v128 -> v128
fd45 f32x4.le v128 v128 -> v128
fd46 f32x4.ge v128 v128 -> v128
fd47 f64x2.eq v128 v128 -> v128
fd48 f64x2.ne v128 v128 -> v128
fd49 f64x2.lt v128 v128 -> v128
fd4a f64x2.gt v128 v128 -> v128
fd4b f64x2.le v128 v128 -> v128
fd4c f64x2.ge v128 v128 -> v128
fd4d v128.not v128 -> v128
fd4e v128.and v128 v128 -> v128
fd4f v128.andnot v128 v128 -> v128
fd50 v128.or v128 v128 -> v128
fd51 v128.xor v128 v128 -> v128
fd52 v128.bitselect v128 v128 v128 -> v128
fd53 v128.any_true v128 -> i32
fd54 v128.load8_lane memlane=0,16 i32 v128 -> v128
fd55 v128.load16_lane memlane=1,8 i32 v128 -> v128
fd56 v128.load32_lane memlane=2,4 i32 v128 -> v128
fd57 v128.load64_lane memlane=3,2 i32 v128 -> v128
fd58 v128.store8_lane memlane=0,16 i32 v128 ->
fd59 v128.store16_lane memlane=1,8 i32 v128 ->
fd5a v128.store32_lane memlane=2,4 i32 v128 ->
fd5b v128.store64_lane memlane=3,2 i32 v128 ->
fd5c v128.load32_zero memarg=2 i32 -> v128
fd5d v128.load64_zero memarg=3 i32 -> v128
fd5e f32x4.demote_f64x2_zero v128 -> v128
fd5f f64x2.promote_low_f32x4 v128 -> v128
fd60 i8x16.abs v128 -> v128
fd61 i8x16.neg v128 -> v128
fd62 i8x16.popcnt v128 -> v128
fd63 i8x16.all_true v128 -> i32
fd64 i8x16.bitmask v128 -> i32
fd65 i8x16.narrow_i16x8_s v128 v128 -> v128
fd66 i8x16.narrow_i16x8_u v128 v128 -> v128
fd67 f32x4.ceil v128 -> v128
fd68 f32x4.floor v128 -> v128
fd69 f32x4.trunc v128 -> v128
fd6a f32x4.nearest v128 -> v128
fd6b i8x16.shl v128 i32 -> v128
fd6c i8x16.shr_s v128 i32 -> v128
fd6d i8x16.shr_u v128 i32 -> v128
fd6e i8x16.add v128 v128 -> v128
fd6f i8x16.add_sat_s v128 v128 -> v128
fd70 i8x16.add_sat_u v128 v128 -> v128
fd71 i8x16.sub v128 v128 -> v128
fd72 i8x16.sub_sat_s v128 v128 -> v128
fd73 i8x16.sub_sat_u v128 v128 -> v128
fd74 f64x2.ceil v128 -> v128
fd75 f64x2.floor v128 -> v128
fd76 i8x16.min_s v128 v128 -> v128
fd77 i8x16.min_u v128 v128 -> v128
fd78 i8x16.max_s v128 v128 -> v128
fd79 i8x16.max_u v128 v128 -> v128
fd7a f64x2.trunc v128 -> v128
fd7b i8x16.avgr_u v128 v128 -> v128
fd7c i16x8.extadd_pairwise_i8x16_s v128 -> v128
fd7d i16x8.extadd_pairwise_i8x16_u v128 -> v128
fd7e i32x4.extadd_pairwise_i16x8_s v128 -> v128
fd7f i32x4.extadd_pairwise_i16x8_u v128 -> v128
fd80 i16x8.abs v128 -> v128
fd81 i16x8.neg v128 -> v128
fd82 i16x8.q15mulr_sat_s v128 v128 -> v128
fd83 i16x8.all_true v128 -> i32
fd84 i16x8.bitmask v128 -> i32
fd85 i16x8.narrow_i32x4_s v128 v128 -> v128
fd86 i16x8.narrow_i32x4_u v128 v128 -> v128
fd87 i16x8.extend_low_i8x16_s v128 -> v128
fd88 i16x8.extend_high_i8x16_s v128 -> v128
fd89 i16x8.extend_low_i8x16_u v128 -> v128
fd8a i16x8.extend_high_i8x16_u v128 -> v128
fd8b i16x8.shl v128 i32 -> v128
fd8c i16x8.shr_s v128 i32 -> v128
fd8d i16x8.shr_u v128 i32 -> v128
fd8e i16x8.add v128 v128 -> v128
fd8f i16x8.add_sat_s v128 v128 -> v128
fd90 i16x8.add_sat_u v128 v128 -> v128
fd91 i16x8.sub v128 v128 -> v128
fd92 i16x8.sub_sat_s v128 v128 -> v128
fd93 i16x8.sub_sat_u v128 v128 -> v128
fd94 f64x2.nearest v128 -> v128
fd95 i16x8.mul v128 v128 -> v128
fd96 i16x8.min_s v128 v128 -> v128
fd97 i16x8.min_u v128 v128 -> v128
fd98 i16x8.max_s v128 v128 -> v128
fd99 i16x8.max_u v128 v128 -> v128
fd9b i16x8.avgr_u v128 v128 -> v128
fd9c i16x8.extmul_low_i8x16_s v128 v128 -> v128
fd9d i16x8.extmul_high_i8x16_s v128 v128 -> v128
fd9e i16x8.extmul_low_i8x16_u v128 v128 -> v128
fd9f i16x8.extmul_high_i8x16_u v128 v128 -> v128
fda0 i32x4.abs v128 -> v128
fda1 i32x4.neg v128 -> v128
fda3 i32x4.all_true v128 -> i32
fda4 i32x4.bitmask v128 -> i32
fda7 i32x4.extend_low_i16x8_s v128 -> v128
fda8 i32x4.extend_high_i16x8_s v128 -> v128
fda9 i32x4.extend_low_i16x8_u v128 -> v128
fdaa i32x4.extend_high_i16x8_u v128 -> v128
fdab i32x4.shl v128 i32 -> v128
fdac i32x4.shr_s v128 i32 -> v128
fdad i32x4.shr_u v128 i32 -> v128
fdae i32x4.add v128 v128 -> v128
fdb1 i32x4.sub v128 v128 -> v128
fdb5 i32x4.mul v128 v128 -> v128
fdb6 i32x4.min_s v128 v128 -> v128
fdb7 i32x4.min_u v128 v128 -> v128
fdb8 i32x4.max_s v128 v128 -> v128
fdb9 i32x4.max_u v128 v128 -> v128
fdba i32x4.dot_i16x8_s v128 v128 -> v128
fdbc i32x4.extmul_low_i16x8_s v128 v128 -> v128
fdbd i32x4.extmul_high_i16x8_s v128 v128 -> v128
fdbe i32x4.extmul_low_i16x8_u v128 v128 -> v128
fdbf i32x4.extmul_high_i16x8_u v128 v128 -> v128
fdc0 i64x2.abs v128 -> v128
fdc1 i64x2.neg v128 -> v128
fdc3 i64x2.all_true v128 -> i32
fdc4 i64x2.bitmask v128 -> i32
fdc7 i64x2.extend_low_i32x4_s v128 -> v128
fdc8 i64x2.extend_high_i32x4_s v128 -> v128
fdc9 i64x2.extend_low_i32x4_u v128 -> v128
fdca i64x2.extend_high_i32x4_u v128 -> v128
fdcb i64x2.shl v128 i32 -> v128
fdcc i64x2.shr_s v128 i32 -> v128
fdcd i64x2.shr_u v128 i32 -> v128
fdce i64x2.add v128 v128 -> v128
fdd1 i64x2.sub v128 v128 -> v128
fdd5 i64x2.mul v128 v128 -> v128
fdd6 i64x2.eq v128 v128 -> v128
fdd7 i64x2.ne v128 v128 -> v128
fdd8 i64x2.lt_s v128 v128 -> v128
fdd9 i64x2.gt_s v128 v128 -> v128
fdda i64x2.le_s v128 v128 -> v128
fddb i64x2.ge_s v128 v128 -> v128
fddc i64x2.extmul_low_i32x4_s v128 v128 -> v128
fddd i64x2.extmul_high_i32x4_s v128 v128 -> v128
fdde i64x2.extmul_low_i32x4_u v128 v128 -> v128
fddf i64x2.extmul_high_i32x4_u v128 v128 -> v128
fde0 f32x4.abs v128 -> v128
fde1 f32x4.neg v128 -> v128
fde3 f32x4.sqrt v128 -> v128
fde4 f32x4.add v128 v128 -> v128
fde5 f32x4.sub v128 v128 -> v128
fde6 f32x4.mul v128 v128 -> v128
fde7 f32x4.div v128 v128 -> v128
fde8 f32x4.min v128 v128 -> v128
fde9 f32x4.max v128 v128 -> v128
fdea f32x4.pmin v128 v128 -> v128
fdeb f32x4.pmax v128 v128 -> v128
fdec f64x2.abs v128 -> v128
fded f64x2.neg v128 -> v128
fdef f64x2.sqrt v128 -> v128
fdf0 f64x2.add v128 v128 -> v128
fdf1 f64x2.sub v128 v128 -> v128
fdf2 f64x2.mul v128 v128 -> v128
fdf3 f64x2.div v128 v128 -> v128
fdf4 f64x2.min v128 v128 -> v128
fdf5 f64x2.max v128 v128 -> v128
fdf6 f64x2.pmin v128 v128 -> v128
fdf7 f64x2.pmax v128 v128 -> v128
fdf8 i32x4.trunc_sat_f32x4_s v128 -> v128
fdf9 i32x4.trunc_sat_f32x4_u v128 -> v128
fdfa f32x4.convert_i32x4_s v128 -> v128
fdfb f32x4.convert_i32x4_u v128 -> v128
fdfc i32x4.trunc_sat_f64x2_s_zero v128 -> v128
fdfd i32x4.trunc_sat_f64x2_u_zero v128 -> v128
fdfe f64x2.convert_low_i32x4_s v128 -> v128
fdff f64x2.convert_low_i32x4_u v128 -> v128
`;
