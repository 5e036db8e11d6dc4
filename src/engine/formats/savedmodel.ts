import {
  fields,
  int,
  ProtoError,
  ProtoLimitReached,
  ProtoWalker,
  str,
  sub,
  type ProtoProblemCode
} from './protobuf.js'

/*
 * Static inspection of TensorFlow SavedModel protobufs. Nothing is executed or imported; a NodeDef's op name is
 * only looked up in the tables below.
 */

// Field numbers, checked against tensorflow/tensorflow; only the fields the walker reads.
/** tensorflow/core/protobuf/saved_model.proto */
const SavedModel = { saved_model_schema_version: 1, meta_graphs: 2 } as const
/** tensorflow/core/protobuf/meta_graph.proto */
const MetaGraphDef = { graph_def: 2 } as const
/** tensorflow/core/framework/graph.proto */
const GraphDef = { node: 1, library: 2 } as const
/** tensorflow/core/framework/node_def.proto (attr is a map<string, AttrValue>: entries of MapEntry) */
const NodeDef = { name: 1, op: 2, attr: 5 } as const
/** tensorflow/core/framework/function.proto */
const FunctionDefLibrary = { function: 1 } as const
const FunctionDef = { signature: 1, node_def: 3 } as const
/** tensorflow/core/framework/op_def.proto */
const OpDef = { name: 1 } as const
/** How protobuf encodes an entry of a map field. */
const MapEntry = { key: 1, value: 2 } as const
/**
 * tensorflow/core/framework/attr_value.proto: from copies of the schema quoted by third parties, consistent
 * with each other
 */
const AttrValue = { s: 2 } as const
/** tensorflow/python/keras/protobuf/saved_metadata.proto */
const SavedMetadata = { nodes: 1 } as const
const SavedObject = { node_id: 2, node_path: 3, identifier: 4, metadata: 5 } as const

export type TfOpSeverity = 'critical' | 'high' | 'low'

export interface TfUnsafeOp {
  /** critical: runs Python; high: file, network or process I/O; low: logging and similar side effects. */
  readonly severity: TfOpSeverity
  readonly reason: string
  /**
   * Part of TensorFlow's own checkpoint save/restore machinery: present in the saver functions of every
   * SavedModel, so only unusual outside them (see `saverContext` on occurrences).
   */
  readonly checkpoint?: boolean
}

const PY = 'runs a Python callable in the loading process'
const FILE_READ = 'reads files named by its inputs or attributes'
const FILE_WRITE = 'writes files named by its inputs or attributes'
const CKPT = 'checkpoint I/O at a path given at run time'
const DEBUG = 'debug op: its debug_urls attribute may name file:// or grpc:// targets'
const SUMMARY = 'summary writer: writes event files or a database'
const DATASET = 'tf.data source or sink that reads or writes files'

function table(entries: Record<string, TfUnsafeOp>): ReadonlyMap<string, TfUnsafeOp> {
  return new Map(Object.entries(entries))
}

/**
 * Ops with effects beyond computing tensors. Sources: the op list of tf.raw_ops (see TF_KNOWN_OPS) read for
 * I/O, and modelscan's policy (ReadFile and WriteFile as high). `PyCall` exists in no TensorFlow op registry
 * we could find, so it is not listed; DecodeJSONExample only parses strings and is not listed either.
 */
export const TF_UNSAFE_OP_INFO: ReadonlyMap<string, TfUnsafeOp> = table({
  PyFunc: { severity: 'critical', reason: PY },
  PyFuncStateless: { severity: 'critical', reason: PY },
  EagerPyFunc: { severity: 'critical', reason: PY },

  ReadFile: { severity: 'high', reason: FILE_READ },
  WriteFile: { severity: 'high', reason: FILE_WRITE },
  MatchingFiles: { severity: 'high', reason: 'lists files matching a glob' },
  MatchingFilesDataset: { severity: 'high', reason: 'lists files matching a glob' },
  ExperimentalMatchingFilesDataset: { severity: 'high', reason: 'lists files matching a glob' },
  ImmutableConst: { severity: 'high', reason: 'memory-maps a file region named by an attribute' },
  FileSystemSetConfiguration: { severity: 'high', reason: 'changes file-system configuration' },
  LoadAndRemapMatrix: { severity: 'high', reason: 'reads a checkpoint at a path given at run time' },
  InitializeTableFromTextFile: {
    severity: 'high',
    reason: 'reads a vocabulary file (normally a SavedModel asset)'
  },
  InitializeTableFromTextFileV2: {
    severity: 'high',
    reason: 'reads a vocabulary file (normally a SavedModel asset)'
  },
  GenerateVocabRemapping: { severity: 'high', reason: 'reads vocabulary files' },
  FixedUnigramCandidateSampler: {
    severity: 'high',
    reason: 'may read the vocabulary file named by vocab_file'
  },
  DecodeProtoV2: { severity: 'high', reason: 'its descriptor_source attribute may name a file to read' },
  EncodeProto: { severity: 'high', reason: 'its descriptor_source attribute may name a file to read' },
  RemoteCall: { severity: 'high', reason: 'runs a function on a remote target' },

  Save: { severity: 'high', reason: CKPT, checkpoint: true },
  SaveV2: { severity: 'high', reason: CKPT, checkpoint: true },
  SaveSlices: { severity: 'high', reason: CKPT, checkpoint: true },
  Restore: { severity: 'high', reason: CKPT, checkpoint: true },
  RestoreV2: { severity: 'high', reason: CKPT, checkpoint: true },
  RestoreSlice: { severity: 'high', reason: CKPT, checkpoint: true },
  MergeV2Checkpoints: {
    severity: 'high',
    reason: 'merges checkpoint files and may delete directories',
    checkpoint: true
  },
  // These only format file names; they are listed because they travel with the checkpoint ops above.
  ShardedFilename: {
    severity: 'low',
    reason: 'formats checkpoint file names (no I/O itself)',
    checkpoint: true
  },
  ShardedFilespec: {
    severity: 'low',
    reason: 'formats checkpoint file names (no I/O itself)',
    checkpoint: true
  },

  DebugIdentity: { severity: 'high', reason: DEBUG },
  DebugIdentityV2: { severity: 'high', reason: DEBUG },
  DebugIdentityV3: { severity: 'high', reason: DEBUG },
  DebugNanCount: { severity: 'high', reason: DEBUG },
  DebugNumericSummary: { severity: 'high', reason: DEBUG },
  DebugNumericSummaryV2: { severity: 'high', reason: DEBUG },

  SummaryWriter: { severity: 'high', reason: SUMMARY },
  CreateSummaryFileWriter: { severity: 'high', reason: SUMMARY },
  CreateSummaryDbWriter: { severity: 'high', reason: SUMMARY },
  WriteSummary: { severity: 'high', reason: SUMMARY },
  WriteScalarSummary: { severity: 'high', reason: SUMMARY },
  WriteHistogramSummary: { severity: 'high', reason: SUMMARY },
  WriteImageSummary: { severity: 'high', reason: SUMMARY },
  WriteAudioSummary: { severity: 'high', reason: SUMMARY },
  WriteGraphSummary: { severity: 'high', reason: SUMMARY },
  WriteRawProtoSummary: { severity: 'high', reason: SUMMARY },
  ImportEvent: { severity: 'high', reason: SUMMARY },
  FlushSummaryWriter: { severity: 'high', reason: SUMMARY },
  CloseSummaryWriter: { severity: 'low', reason: 'closes a summary writer' },
  StatsAggregatorSetSummaryWriter: { severity: 'high', reason: SUMMARY },

  TFRecordDataset: { severity: 'high', reason: DATASET },
  TFRecordDatasetV2: { severity: 'high', reason: DATASET },
  FixedLengthRecordDataset: { severity: 'high', reason: DATASET },
  FixedLengthRecordDatasetV2: { severity: 'high', reason: DATASET },
  TextLineDataset: { severity: 'high', reason: DATASET },
  CSVDataset: { severity: 'high', reason: DATASET },
  CSVDatasetV2: { severity: 'high', reason: DATASET },
  ExperimentalCSVDataset: { severity: 'high', reason: DATASET },
  LMDBDataset: { severity: 'high', reason: DATASET },
  ExperimentalLMDBDataset: { severity: 'high', reason: DATASET },
  SqlDataset: { severity: 'high', reason: 'queries a database' },
  ExperimentalSqlDataset: { severity: 'high', reason: 'queries a database' },
  CacheDataset: { severity: 'high', reason: 'writes a cache file when given a file name' },
  CacheDatasetV2: { severity: 'high', reason: 'writes a cache file when given a file name' },
  SnapshotDataset: { severity: 'high', reason: DATASET },
  SnapshotDatasetV2: { severity: 'high', reason: DATASET },
  SnapshotDatasetReader: { severity: 'high', reason: DATASET },
  SnapshotNestedDatasetReader: { severity: 'high', reason: DATASET },
  SnapshotChunkDataset: { severity: 'high', reason: DATASET },
  SaveDataset: { severity: 'high', reason: DATASET },
  SaveDatasetV2: { severity: 'high', reason: DATASET },
  LoadDataset: { severity: 'high', reason: DATASET },
  DistributedSave: { severity: 'high', reason: DATASET },
  DatasetToTFRecord: { severity: 'high', reason: DATASET },
  ExperimentalDatasetToTFRecord: { severity: 'high', reason: DATASET },
  DataServiceDataset: { severity: 'high', reason: 'reads from a tf.data service over the network' },
  DataServiceDatasetV2: { severity: 'high', reason: 'reads from a tf.data service over the network' },
  DataServiceDatasetV3: { severity: 'high', reason: 'reads from a tf.data service over the network' },
  DataServiceDatasetV4: { severity: 'high', reason: 'reads from a tf.data service over the network' },
  RegisterDataset: { severity: 'high', reason: 'registers with a tf.data service over the network' },
  RegisterDatasetV2: { severity: 'high', reason: 'registers with a tf.data service over the network' },
  WholeFileReader: { severity: 'high', reason: FILE_READ },
  WholeFileReaderV2: { severity: 'high', reason: FILE_READ },
  TextLineReader: { severity: 'high', reason: FILE_READ },
  TextLineReaderV2: { severity: 'high', reason: FILE_READ },
  TFRecordReader: { severity: 'high', reason: FILE_READ },
  TFRecordReaderV2: { severity: 'high', reason: FILE_READ },
  FixedLengthRecordReader: { severity: 'high', reason: FILE_READ },
  FixedLengthRecordReaderV2: { severity: 'high', reason: FILE_READ },
  LMDBReader: { severity: 'high', reason: FILE_READ },
  RecordInput: { severity: 'high', reason: FILE_READ },

  Print: { severity: 'low', reason: 'writes to standard error' },
  PrintV2: {
    severity: 'low',
    reason: 'writes to a stream named by output_stream (a file:// target is reported as high)'
  },
  Abort: { severity: 'low', reason: 'terminates the process' }
})

/**
 * Every op of tf.raw_ops: the union of tensorflow/tensorflow `tensorflow/tools/api/golden/v2/tensorflow.raw_ops.pbtxt`
 * (an older TF 2.x golden, whose op names are all listed) and the tf.raw_ops index of a later TF 2.x API
 * documentation (a copy of the `tf/raw_ops.md` reference page), 1430 names. modelscan treats ops outside
 * tf.raw_ops as medium risk; this is the same test. XLA-only ops (XlaCallModule, …) are not in tf.raw_ops and
 * are therefore unknown here.
 */
const RAW_OPS = `
Abort Abs AccumulateNV2 AccumulatorApplyGradient AccumulatorNumAccumulated AccumulatorSetGlobalStep
AccumulatorTakeGradient Acos Acosh Add AddManySparseToTensorsMap AddN AddSparseToTensorsMap AddV2
AdjustContrast AdjustContrastv2 AdjustHue AdjustSaturation All AllCandidateSampler AllToAll Angle
AnonymousHashTable AnonymousIterator AnonymousIteratorV2 AnonymousIteratorV3 AnonymousMemoryCache
AnonymousMultiDeviceIterator AnonymousMultiDeviceIteratorV3 AnonymousMutableDenseHashTable
AnonymousMutableHashTable AnonymousMutableHashTableOfTensors AnonymousRandomSeedGenerator
AnonymousSeedGenerator Any ApplyAdaMax ApplyAdadelta ApplyAdagrad ApplyAdagradDA ApplyAdagradV2
ApplyAdam ApplyAddSign ApplyCenteredRMSProp ApplyFtrl ApplyFtrlV2 ApplyGradientDescent ApplyMomentum
ApplyPowerSign ApplyProximalAdagrad ApplyProximalGradientDescent ApplyRMSProp ApproxTopK
ApproximateEqual ArgMax ArgMin AsString Asin Asinh Assert AssertCardinalityDataset AssertNextDataset
AssertPrevDataset Assign AssignAdd AssignAddVariableOp AssignSub AssignSubVariableOp AssignVariableOp
AssignVariableXlaConcatND Atan Atan2 Atanh AudioSpectrogram AudioSummary AudioSummaryV2 AutoShardDataset
AvgPool AvgPool3D AvgPool3DGrad AvgPoolGrad BandedTriangularSolve Barrier BarrierClose
BarrierIncompleteSize BarrierInsertMany BarrierReadySize BarrierTakeMany Batch BatchCholesky
BatchCholeskyGrad BatchDataset BatchDatasetV2 BatchFFT BatchFFT2D BatchFFT3D BatchFunction BatchIFFT
BatchIFFT2D BatchIFFT3D BatchMatMul BatchMatMulV2 BatchMatMulV3 BatchMatrixBandPart
BatchMatrixDeterminant BatchMatrixDiag BatchMatrixDiagPart BatchMatrixInverse BatchMatrixSetDiag
BatchMatrixSolve BatchMatrixSolveLs BatchMatrixTriangularSolve BatchNormWithGlobalNormalization
BatchNormWithGlobalNormalizationGrad BatchSelfAdjointEig BatchSelfAdjointEigV2 BatchSvd BatchToSpace
BatchToSpaceND BesselI0 BesselI0e BesselI1 BesselI1e BesselJ0 BesselJ1 BesselK0 BesselK0e BesselK1
BesselK1e BesselY0 BesselY1 Betainc BiasAdd BiasAddGrad BiasAddV1 Bincount Bitcast BitwiseAnd BitwiseOr
BitwiseXor BlockLSTM BlockLSTMGrad BlockLSTMGradV2 BlockLSTMV2 BoostedTreesAggregateStats
BoostedTreesBucketize BoostedTreesCalculateBestFeatureSplit BoostedTreesCalculateBestFeatureSplitV2
BoostedTreesCalculateBestGainsPerFeature BoostedTreesCenterBias BoostedTreesCreateEnsemble
BoostedTreesCreateQuantileStreamResource BoostedTreesDeserializeEnsemble
BoostedTreesEnsembleResourceHandleOp BoostedTreesExampleDebugOutputs BoostedTreesFlushQuantileSummaries
BoostedTreesGetEnsembleStates BoostedTreesMakeQuantileSummaries BoostedTreesMakeStatsSummary
BoostedTreesPredict BoostedTreesQuantileStreamResourceAddSummaries
BoostedTreesQuantileStreamResourceDeserialize BoostedTreesQuantileStreamResourceFlush
BoostedTreesQuantileStreamResourceGetBucketBoundaries BoostedTreesQuantileStreamResourceHandleOp
BoostedTreesSerializeEnsemble BoostedTreesSparseAggregateStats
BoostedTreesSparseCalculateBestFeatureSplit BoostedTreesTrainingPredict BoostedTreesUpdateEnsemble
BoostedTreesUpdateEnsembleV2 BroadcastArgs BroadcastGradientArgs BroadcastTo Bucketize
BytesProducedStatsDataset CSRSparseMatrixComponents CSRSparseMatrixToDense CSRSparseMatrixToSparseTensor
CSVDataset CSVDatasetV2 CTCBeamSearchDecoder CTCGreedyDecoder CTCLoss CTCLossV2 CacheDataset
CacheDatasetV2 Case Cast Ceil CheckNumerics CheckNumericsV2 Cholesky CholeskyGrad
ChooseFastestBranchDataset ChooseFastestDataset ClipByValue CloseSummaryWriter CollectiveAllToAllV2
CollectiveAllToAllV3 CollectiveAssignGroupV2 CollectiveBcastRecv CollectiveBcastRecvV2
CollectiveBcastSend CollectiveBcastSendV2 CollectiveGather CollectiveGatherV2
CollectiveInitializeCommunicator CollectivePermute CollectiveReduce CollectiveReduceScatterV2
CollectiveReduceV2 CollectiveReduceV3 CombinedNonMaxSuppression CompareAndBitpack Complex ComplexAbs
CompositeTensorVariantFromComponents CompositeTensorVariantToComponents CompressElement
ComputeAccidentalHits ComputeBatchSize Concat ConcatOffset ConcatV2 ConcatenateDataset
ConditionalAccumulator ConfigureDistributedTPU ConfigureTPUEmbedding Conj ConjugateTranspose Const
ConsumeMutexLock ControlTrigger Conv Conv2D Conv2DBackpropFilter Conv2DBackpropFilterV2
Conv2DBackpropInput Conv2DBackpropInputV2 Conv3D Conv3DBackpropFilter Conv3DBackpropFilterV2
Conv3DBackpropInput Conv3DBackpropInputV2 Copy CopyHost Cos Cosh CountUpTo CreateSummaryDbWriter
CreateSummaryFileWriter CropAndResize CropAndResizeGradBoxes CropAndResizeGradImage Cross
CrossReplicaSum CudnnRNN CudnnRNNBackprop CudnnRNNBackpropV2 CudnnRNNBackpropV3
CudnnRNNCanonicalToParams CudnnRNNCanonicalToParamsV2 CudnnRNNParamsSize CudnnRNNParamsToCanonical
CudnnRNNParamsToCanonicalV2 CudnnRNNV2 CudnnRNNV3 Cumprod Cumsum CumulativeLogsumexp DataFormatDimMap
DataFormatVecPermute DataServiceDataset DataServiceDatasetV2 DataServiceDatasetV3 DataServiceDatasetV4
DatasetCardinality DatasetFromGraph DatasetToGraph DatasetToGraphV2 DatasetToSingleElement
DatasetToTFRecord Dawsn DebugGradientIdentity DebugGradientRefIdentity DebugIdentity DebugIdentityV2
DebugIdentityV3 DebugNanCount DebugNumericSummary DebugNumericSummaryV2 DecodeAndCropJpeg DecodeBase64
DecodeBmp DecodeCSV DecodeCompressed DecodeGif DecodeImage DecodeJSONExample DecodeJpeg DecodePaddedRaw
DecodePng DecodeProtoV2 DecodeRaw DecodeWav DeepCopy DeleteIterator DeleteMemoryCache
DeleteMultiDeviceIterator DeleteRandomSeedGenerator DeleteSeedGenerator DeleteSessionTensor
DenseBincount DenseCountSparseOutput DenseToCSRSparseMatrix DenseToDenseSetOperation
DenseToSparseBatchDataset DenseToSparseSetOperation DepthToSpace DepthwiseConv2dNative
DepthwiseConv2dNativeBackpropFilter DepthwiseConv2dNativeBackpropInput Dequantize DeserializeIterator
DeserializeManySparse DeserializeSparse DestroyResourceOp DestroyTemporaryVariable DeviceIndex Diag
DiagPart Digamma Dilation2D Dilation2DBackpropFilter Dilation2DBackpropInput DirectedInterleaveDataset
DisableCopyOnRead DistributedSave Div DivNoNan DrawBoundingBoxes DrawBoundingBoxesV2
DummyIterationCounter DummyMemoryCache DummySeedGenerator DynamicEnqueueTPUEmbeddingArbitraryTensorBatch
DynamicEnqueueTPUEmbeddingRaggedTensorBatch DynamicPartition DynamicStitch EagerPyFunc EditDistance Eig
Einsum Elu EluGrad Empty EmptyTensorList EmptyTensorMap EncodeBase64 EncodeJpeg
EncodeJpegVariableQuality EncodePng EncodeProto EncodeWav EnqueueTPUEmbeddingArbitraryTensorBatch
EnqueueTPUEmbeddingIntegerBatch EnqueueTPUEmbeddingRaggedTensorBatch EnqueueTPUEmbeddingSparseBatch
EnqueueTPUEmbeddingSparseTensorBatch EnsureShape Enter Equal Erf Erfc Erfinv EuclideanNorm Exit Exp
ExpandDims ExperimentalAssertNextDataset ExperimentalAutoShardDataset
ExperimentalBytesProducedStatsDataset ExperimentalCSVDataset ExperimentalChooseFastestDataset
ExperimentalDatasetCardinality ExperimentalDatasetToTFRecord ExperimentalDenseToSparseBatchDataset
ExperimentalDirectedInterleaveDataset ExperimentalGroupByReducerDataset ExperimentalGroupByWindowDataset
ExperimentalIgnoreErrorsDataset ExperimentalIteratorGetDevice ExperimentalLMDBDataset
ExperimentalLatencyStatsDataset ExperimentalMapAndBatchDataset ExperimentalMapDataset
ExperimentalMatchingFilesDataset ExperimentalMaxIntraOpParallelismDataset
ExperimentalNonSerializableDataset ExperimentalParallelInterleaveDataset ExperimentalParseExampleDataset
ExperimentalPrivateThreadPoolDataset ExperimentalRandomDataset ExperimentalRebatchDataset
ExperimentalScanDataset ExperimentalSetStatsAggregatorDataset ExperimentalSleepDataset
ExperimentalSlidingWindowDataset ExperimentalSqlDataset ExperimentalStatsAggregatorHandle
ExperimentalStatsAggregatorSummary ExperimentalTakeWhileDataset ExperimentalThreadPoolDataset
ExperimentalThreadPoolHandle ExperimentalUnbatchDataset ExperimentalUniqueDataset Expint Expm1
ExtractGlimpse ExtractGlimpseV2 ExtractImagePatches ExtractJpegShape ExtractVolumePatches FFT FFT2D
FFT3D FFTND FIFOQueue FIFOQueueV2 Fact FakeParam FakeQuantWithMinMaxArgs FakeQuantWithMinMaxArgsGradient
FakeQuantWithMinMaxVars FakeQuantWithMinMaxVarsGradient FakeQuantWithMinMaxVarsPerChannel
FakeQuantWithMinMaxVarsPerChannelGradient FakeQueue FileSystemSetConfiguration Fill
FilterByLastComponentDataset FilterDataset FinalizeDataset Fingerprint FixedLengthRecordDataset
FixedLengthRecordDatasetV2 FixedLengthRecordReader FixedLengthRecordReaderV2
FixedUnigramCandidateSampler FlatMapDataset Floor FloorDiv FloorMod FlushSummaryWriter For
FractionalAvgPool FractionalAvgPoolGrad FractionalMaxPool FractionalMaxPoolGrad FresnelCos FresnelSin
FusedBatchNorm FusedBatchNormGrad FusedBatchNormGradV2 FusedBatchNormGradV3 FusedBatchNormV2
FusedBatchNormV3 FusedPadConv2D FusedResizeAndPadConv2D GRUBlockCell GRUBlockCellGrad Gather GatherNd
GatherV2 GenerateBoundingBoxProposals GenerateVocabRemapping GeneratorDataset GetElementAtIndex
GetOptions GetSessionHandle GetSessionHandleV2 GetSessionTensor Greater GreaterEqual
GroupByReducerDataset GroupByWindowDataset GuaranteeConst HSVToRGB HashTable HashTableV2
HistogramFixedWidth HistogramSummary IFFT IFFT2D IFFT3D IFFTND IRFFT IRFFT2D IRFFT3D IRFFTND Identity
IdentityN IdentityReader IdentityReaderV2 If Igamma IgammaGradA Igammac IgnoreErrorsDataset Imag
ImageProjectiveTransformV2 ImageProjectiveTransformV3 ImageSummary ImmutableConst ImportEvent InTopK
InTopKV2 InfeedDequeue InfeedDequeueTuple InfeedEnqueue InfeedEnqueuePrelinearizedBuffer
InfeedEnqueueTuple InitializeTable InitializeTableFromDataset InitializeTableFromTextFile
InitializeTableFromTextFileV2 InitializeTableV2 InplaceAdd InplaceSub InplaceUpdate InterleaveDataset
Inv InvGrad Invert InvertPermutation IsBoostedTreesEnsembleInitialized
IsBoostedTreesQuantileStreamResourceInitialized IsFinite IsInf IsNan IsTPUEmbeddingInitialized
IsVariableInitialized IsotonicRegression Iterator IteratorFromStringHandle IteratorFromStringHandleV2
IteratorGetDevice IteratorGetNext IteratorGetNextAsOptional IteratorGetNextSync IteratorToStringHandle
IteratorV2 KMC2ChainInitialization KmeansPlusPlusInitialization L2Loss LMDBDataset LMDBReader LRN
LRNGrad LSTMBlockCell LSTMBlockCellGrad LatencyStatsDataset LeakyRelu LeakyReluGrad
LearnedUnigramCandidateSampler LeftShift LegacyParallelInterleaveDatasetV2 Less LessEqual Lgamma
LinSpace ListDataset ListDiff LoadAndRemapMatrix LoadDataset LoadTPUEmbeddingADAMParameters
LoadTPUEmbeddingADAMParametersGradAccumDebug LoadTPUEmbeddingAdadeltaParameters
LoadTPUEmbeddingAdadeltaParametersGradAccumDebug LoadTPUEmbeddingAdagradMomentumParameters
LoadTPUEmbeddingAdagradParameters LoadTPUEmbeddingAdagradParametersGradAccumDebug
LoadTPUEmbeddingCenteredRMSPropParameters LoadTPUEmbeddingFTRLParameters
LoadTPUEmbeddingFTRLParametersGradAccumDebug LoadTPUEmbeddingFrequencyEstimatorParameters
LoadTPUEmbeddingMDLAdagradLightParameters LoadTPUEmbeddingMomentumParameters
LoadTPUEmbeddingMomentumParametersGradAccumDebug LoadTPUEmbeddingProximalAdagradParameters
LoadTPUEmbeddingProximalAdagradParametersGradAccumDebug LoadTPUEmbeddingProximalYogiParameters
LoadTPUEmbeddingRMSPropParameters LoadTPUEmbeddingRMSPropParametersGradAccumDebug
LoadTPUEmbeddingStochasticGradientDescentParameters Log Log1p LogMatrixDeterminant LogSoftmax
LogUniformCandidateSampler LogicalAnd LogicalNot LogicalOr LookupTableExport LookupTableExportV2
LookupTableFind LookupTableFindV2 LookupTableImport LookupTableImportV2 LookupTableInsert
LookupTableInsertV2 LookupTableRemoveV2 LookupTableSize LookupTableSizeV2 LoopCond LowerBound Lu
MakeIterator MapAndBatchDataset MapClear MapDataset MapDefun MapIncompleteSize MapPeek MapSize MapStage
MapUnstage MapUnstageNoKey MatMul MatchingFiles MatchingFilesDataset MatrixBandPart MatrixDeterminant
MatrixDiag MatrixDiagPart MatrixDiagPartV2 MatrixDiagPartV3 MatrixDiagV2 MatrixDiagV3 MatrixExponential
MatrixInverse MatrixLogarithm MatrixSetDiag MatrixSetDiagV2 MatrixSetDiagV3 MatrixSolve MatrixSolveLs
MatrixSquareRoot MatrixTriangularSolve Max MaxIntraOpParallelismDataset MaxPool MaxPool3D MaxPool3DGrad
MaxPool3DGradGrad MaxPoolGrad MaxPoolGradGrad MaxPoolGradGradV2 MaxPoolGradGradWithArgmax MaxPoolGradV2
MaxPoolGradWithArgmax MaxPoolV2 MaxPoolWithArgmax Maximum Mean Merge MergeSummary MergeV2Checkpoints
Mfcc Min Minimum MirrorPad MirrorPadGrad Mod ModelDataset Mul MulNoNan MultiDeviceIterator
MultiDeviceIteratorFromStringHandle MultiDeviceIteratorGetNextFromShard MultiDeviceIteratorInit
MultiDeviceIteratorToStringHandle Multinomial MutableDenseHashTable MutableDenseHashTableV2
MutableHashTable MutableHashTableOfTensors MutableHashTableOfTensorsV2 MutableHashTableV2 MutexLock
MutexV2 NcclAllReduce NcclBroadcast NcclReduce Ndtri NearestNeighbors Neg NextAfter NextIteration NoOp
NonDeterministicInts NonMaxSuppression NonMaxSuppressionV2 NonMaxSuppressionV3 NonMaxSuppressionV4
NonMaxSuppressionV5 NonMaxSuppressionWithOverlaps NonSerializableDataset NotEqual NthElement OneHot
OneShotIterator OnesLike OptimizeDataset OptimizeDatasetV2 OptionalFromValue OptionalGetValue
OptionalHasValue OptionalNone OptionsDataset OrderedMapClear OrderedMapIncompleteSize OrderedMapPeek
OrderedMapSize OrderedMapStage OrderedMapUnstage OrderedMapUnstageNoKey OutfeedDequeue
OutfeedDequeueTuple OutfeedDequeueTupleV2 OutfeedDequeueV2 OutfeedEnqueue OutfeedEnqueueTuple Pack Pad
PadV2 PaddedBatchDataset PaddedBatchDatasetV2 PaddingFIFOQueue PaddingFIFOQueueV2 ParallelBatchDataset
ParallelConcat ParallelDynamicStitch ParallelFilterDataset ParallelInterleaveDataset
ParallelInterleaveDatasetV2 ParallelInterleaveDatasetV3 ParallelInterleaveDatasetV4 ParallelMapDataset
ParallelMapDatasetV2 ParameterizedTruncatedNormal ParseExample ParseExampleDataset ParseExampleDatasetV2
ParseExampleV2 ParseSequenceExample ParseSequenceExampleV2 ParseSingleExample ParseSingleSequenceExample
ParseTensor PartitionedCall Placeholder PlaceholderV2 PlaceholderWithDefault Polygamma PopulationCount
Pow PrefetchDataset Prelinearize PrelinearizeTuple PreventGradient Print PrintV2 PriorityQueue
PriorityQueueV2 PrivateThreadPoolDataset Prod PyFunc PyFuncStateless Qr QuantizeAndDequantize
QuantizeAndDequantizeV2 QuantizeAndDequantizeV3 QuantizeAndDequantizeV4 QuantizeAndDequantizeV4Grad
QuantizeDownAndShrinkRange QuantizeV2 QuantizedAdd QuantizedAvgPool
QuantizedBatchNormWithGlobalNormalization QuantizedBiasAdd QuantizedConcat QuantizedConv2D
QuantizedConv2DAndRelu QuantizedConv2DAndReluAndRequantize QuantizedConv2DAndRequantize
QuantizedConv2DPerChannel QuantizedConv2DWithBias QuantizedConv2DWithBiasAndRelu
QuantizedConv2DWithBiasAndReluAndRequantize QuantizedConv2DWithBiasAndRequantize
QuantizedConv2DWithBiasSignedSumAndReluAndRequantize QuantizedConv2DWithBiasSumAndRelu
QuantizedConv2DWithBiasSumAndReluAndRequantize QuantizedDepthwiseConv2D QuantizedDepthwiseConv2DWithBias
QuantizedDepthwiseConv2DWithBiasAndRelu QuantizedDepthwiseConv2DWithBiasAndReluAndRequantize
QuantizedInstanceNorm QuantizedMatMul QuantizedMatMulWithBias QuantizedMatMulWithBiasAndDequantize
QuantizedMatMulWithBiasAndRelu QuantizedMatMulWithBiasAndReluAndRequantize
QuantizedMatMulWithBiasAndRequantize QuantizedMaxPool QuantizedMul QuantizedRelu QuantizedRelu6
QuantizedReluX QuantizedReshape QuantizedResizeBilinear QueueClose QueueCloseV2 QueueDequeue
QueueDequeueMany QueueDequeueManyV2 QueueDequeueUpTo QueueDequeueUpToV2 QueueDequeueV2 QueueEnqueue
QueueEnqueueMany QueueEnqueueManyV2 QueueEnqueueV2 QueueIsClosed QueueIsClosedV2 QueueSize QueueSizeV2
RFFT RFFT2D RFFT3D RFFTND RGBToHSV RaggedBincount RaggedCountSparseOutput RaggedCross
RaggedFillEmptyRows RaggedFillEmptyRowsGrad RaggedGather RaggedRange RaggedTensorFromVariant
RaggedTensorToSparse RaggedTensorToTensor RaggedTensorToVariant RaggedTensorToVariantGradient RandomCrop
RandomDataset RandomDatasetV2 RandomGamma RandomGammaGrad RandomIndexShuffle RandomPoisson
RandomPoissonV2 RandomShuffle RandomShuffleQueue RandomShuffleQueueV2 RandomStandardNormal RandomUniform
RandomUniformInt Range RangeDataset Rank ReadFile ReadVariableOp ReadVariableXlaSplitND
ReaderNumRecordsProduced ReaderNumRecordsProducedV2 ReaderNumWorkUnitsCompleted
ReaderNumWorkUnitsCompletedV2 ReaderRead ReaderReadUpTo ReaderReadUpToV2 ReaderReadV2 ReaderReset
ReaderResetV2 ReaderRestoreState ReaderRestoreStateV2 ReaderSerializeState ReaderSerializeStateV2 Real
RealDiv RebatchDataset RebatchDatasetV2 Reciprocal ReciprocalGrad RecordInput Recv
RecvTPUEmbeddingActivations ReduceDataset ReduceJoin RefEnter RefExit RefIdentity RefMerge
RefNextIteration RefSelect RefSwitch RegexFullMatch RegexReplace RegisterDataset RegisterDatasetV2 Relu
Relu6 Relu6Grad ReluGrad RemoteCall RepeatDataset RequantizationRange RequantizationRangePerChannel
Requantize RequantizePerChannel Reshape ResizeArea ResizeBicubic ResizeBicubicGrad ResizeBilinear
ResizeBilinearGrad ResizeNearestNeighbor ResizeNearestNeighborGrad ResourceAccumulatorApplyGradient
ResourceAccumulatorNumAccumulated ResourceAccumulatorSetGlobalStep ResourceAccumulatorTakeGradient
ResourceApplyAdaMax ResourceApplyAdadelta ResourceApplyAdagrad ResourceApplyAdagradDA
ResourceApplyAdagradV2 ResourceApplyAdam ResourceApplyAdamWithAmsgrad ResourceApplyAddSign
ResourceApplyCenteredRMSProp ResourceApplyFtrl ResourceApplyFtrlV2 ResourceApplyGradientDescent
ResourceApplyKerasMomentum ResourceApplyMomentum ResourceApplyPowerSign ResourceApplyProximalAdagrad
ResourceApplyProximalGradientDescent ResourceApplyRMSProp ResourceConditionalAccumulator
ResourceCountUpTo ResourceGather ResourceGatherNd ResourceScatterAdd ResourceScatterDiv
ResourceScatterMax ResourceScatterMin ResourceScatterMul ResourceScatterNdAdd ResourceScatterNdMax
ResourceScatterNdMin ResourceScatterNdSub ResourceScatterNdUpdate ResourceScatterSub
ResourceScatterUpdate ResourceSparseApplyAdadelta ResourceSparseApplyAdagrad
ResourceSparseApplyAdagradDA ResourceSparseApplyAdagradV2 ResourceSparseApplyCenteredRMSProp
ResourceSparseApplyFtrl ResourceSparseApplyFtrlV2 ResourceSparseApplyKerasMomentum
ResourceSparseApplyMomentum ResourceSparseApplyProximalAdagrad
ResourceSparseApplyProximalGradientDescent ResourceSparseApplyRMSProp ResourceStridedSliceAssign Restore
RestoreSlice RestoreV2 RetrieveTPUEmbeddingADAMParameters
RetrieveTPUEmbeddingADAMParametersGradAccumDebug RetrieveTPUEmbeddingAdadeltaParameters
RetrieveTPUEmbeddingAdadeltaParametersGradAccumDebug RetrieveTPUEmbeddingAdagradMomentumParameters
RetrieveTPUEmbeddingAdagradParameters RetrieveTPUEmbeddingAdagradParametersGradAccumDebug
RetrieveTPUEmbeddingCenteredRMSPropParameters RetrieveTPUEmbeddingFTRLParameters
RetrieveTPUEmbeddingFTRLParametersGradAccumDebug RetrieveTPUEmbeddingFrequencyEstimatorParameters
RetrieveTPUEmbeddingMDLAdagradLightParameters RetrieveTPUEmbeddingMomentumParameters
RetrieveTPUEmbeddingMomentumParametersGradAccumDebug RetrieveTPUEmbeddingProximalAdagradParameters
RetrieveTPUEmbeddingProximalAdagradParametersGradAccumDebug RetrieveTPUEmbeddingProximalYogiParameters
RetrieveTPUEmbeddingRMSPropParameters RetrieveTPUEmbeddingRMSPropParametersGradAccumDebug
RetrieveTPUEmbeddingStochasticGradientDescentParameters Reverse ReverseSequence ReverseV2 RewriteDataset
RightShift Rint RngReadAndSkip RngSkip Roll Round Rsqrt RsqrtGrad SampleDistortedBoundingBox
SampleDistortedBoundingBoxV2 SamplingDataset Save SaveDataset SaveDatasetV2 SaveSlices SaveV2
ScalarSummary ScaleAndTranslate ScaleAndTranslateGrad ScanDataset ScatterAdd ScatterDiv ScatterMax
ScatterMin ScatterMul ScatterNd ScatterNdAdd ScatterNdMax ScatterNdMin ScatterNdNonAliasingAdd
ScatterNdSub ScatterNdUpdate ScatterSub ScatterUpdate SdcaFprint SdcaOptimizer SdcaOptimizerV2
SdcaShrinkL1 SegmentMax SegmentMaxV2 SegmentMean SegmentMin SegmentMinV2 SegmentProd SegmentProdV2
SegmentSum SegmentSumV2 Select SelectV2 SelfAdjointEig SelfAdjointEigV2 Selu SeluGrad Send
SendTPUEmbeddingGradients SerializeIterator SerializeManySparse SerializeSparse SerializeTensor SetSize
SetStatsAggregatorDataset Shape ShapeN ShardDataset ShardedFilename ShardedFilespec
ShuffleAndRepeatDataset ShuffleAndRepeatDatasetV2 ShuffleDataset ShuffleDatasetV2 ShuffleDatasetV3
ShutdownDistributedTPU Sigmoid SigmoidGrad Sign Sin Sinh Size SkipDataset SleepDataset Slice
SlidingWindowDataset Snapshot SnapshotChunkDataset SnapshotDataset SnapshotDatasetReader
SnapshotDatasetV2 SnapshotNestedDatasetReader SobolSample Softmax SoftmaxCrossEntropyWithLogits Softplus
SoftplusGrad Softsign SoftsignGrad SpaceToBatch SpaceToBatchND SpaceToDepth
SparseAccumulatorApplyGradient SparseAccumulatorTakeGradient SparseAdd SparseAddGrad SparseApplyAdadelta
SparseApplyAdagrad SparseApplyAdagradDA SparseApplyAdagradV2 SparseApplyCenteredRMSProp SparseApplyFtrl
SparseApplyFtrlV2 SparseApplyMomentum SparseApplyProximalAdagrad SparseApplyProximalGradientDescent
SparseApplyRMSProp SparseBincount SparseConcat SparseConditionalAccumulator SparseCountSparseOutput
SparseCross SparseCrossHashed SparseCrossV2 SparseDenseCwiseAdd SparseDenseCwiseDiv SparseDenseCwiseMul
SparseFillEmptyRows SparseFillEmptyRowsGrad SparseMatMul SparseMatrixAdd SparseMatrixMatMul
SparseMatrixMul SparseMatrixNNZ SparseMatrixOrderingAMD SparseMatrixSoftmax SparseMatrixSoftmaxGrad
SparseMatrixSparseCholesky SparseMatrixSparseMatMul SparseMatrixTranspose SparseMatrixZeros
SparseReduceMax SparseReduceMaxSparse SparseReduceSum SparseReduceSumSparse SparseReorder SparseReshape
SparseSegmentMean SparseSegmentMeanGrad SparseSegmentMeanGradV2 SparseSegmentMeanWithNumSegments
SparseSegmentSqrtN SparseSegmentSqrtNGrad SparseSegmentSqrtNGradV2 SparseSegmentSqrtNWithNumSegments
SparseSegmentSum SparseSegmentSumGrad SparseSegmentSumGradV2 SparseSegmentSumWithNumSegments SparseSlice
SparseSliceGrad SparseSoftmax SparseSoftmaxCrossEntropyWithLogits SparseSparseMaximum
SparseSparseMinimum SparseSplit SparseTensorDenseAdd SparseTensorDenseMatMul SparseTensorSliceDataset
SparseTensorToCSRSparseMatrix SparseToDense SparseToSparseSetOperation Spence Split SplitV SqlDataset
Sqrt SqrtGrad Square SquaredDifference Squeeze Stack StackClose StackCloseV2 StackPop StackPopV2
StackPush StackPushV2 StackV2 Stage StageClear StagePeek StageSize StatefulPartitionedCall
StatefulRandomBinomial StatefulStandardNormal StatefulStandardNormalV2 StatefulTruncatedNormal
StatefulUniform StatefulUniformFullInt StatefulUniformInt StatelessCase StatelessIf StatelessMultinomial
StatelessParameterizedTruncatedNormal StatelessRandomBinomial StatelessRandomGammaV2
StatelessRandomGammaV3 StatelessRandomGetAlg StatelessRandomGetKeyCounter
StatelessRandomGetKeyCounterAlg StatelessRandomNormal StatelessRandomNormalV2 StatelessRandomPoisson
StatelessRandomUniform StatelessRandomUniformFullInt StatelessRandomUniformFullIntV2
StatelessRandomUniformInt StatelessRandomUniformIntV2 StatelessRandomUniformV2
StatelessSampleDistortedBoundingBox StatelessShuffle StatelessTruncatedNormal StatelessTruncatedNormalV2
StatelessWhile StaticRegexFullMatch StaticRegexReplace StatsAggregatorHandle StatsAggregatorHandleV2
StatsAggregatorSetSummaryWriter StatsAggregatorSummary StopGradient StridedSlice StridedSliceAssign
StridedSliceGrad StringFormat StringJoin StringLength StringLower StringNGrams StringSplit StringSplitV2
StringStrip StringToHashBucket StringToHashBucketFast StringToHashBucketStrong StringToNumber
StringUpper Sub Substr Sum SummaryWriter Svd Switch SymbolicGradient SyncDevice TFRecordDataset
TFRecordDatasetV2 TFRecordReader TFRecordReaderV2 TPUCompilationResult TPUEmbeddingActivations
TPUOrdinalSelector TPUPartitionedCall TPUPartitionedInput TPUPartitionedInputV2 TPUPartitionedOutput
TPUPartitionedOutputV2 TPUReplicateMetadata TPUReplicatedInput TPUReplicatedOutput TakeDataset
TakeManySparseFromTensorsMap TakeWhileDataset Tan Tanh TanhGrad TemporaryVariable TensorArray
TensorArrayClose TensorArrayCloseV2 TensorArrayCloseV3 TensorArrayConcat TensorArrayConcatV2
TensorArrayConcatV3 TensorArrayGather TensorArrayGatherV2 TensorArrayGatherV3 TensorArrayGrad
TensorArrayGradV2 TensorArrayGradV3 TensorArrayGradWithShape TensorArrayPack TensorArrayRead
TensorArrayReadV2 TensorArrayReadV3 TensorArrayScatter TensorArrayScatterV2 TensorArrayScatterV3
TensorArraySize TensorArraySizeV2 TensorArraySizeV3 TensorArraySplit TensorArraySplitV2
TensorArraySplitV3 TensorArrayUnpack TensorArrayV2 TensorArrayV3 TensorArrayWrite TensorArrayWriteV2
TensorArrayWriteV3 TensorDataset TensorListConcat TensorListConcatLists TensorListConcatV2
TensorListElementShape TensorListFromTensor TensorListGather TensorListGetItem TensorListLength
TensorListPopBack TensorListPushBack TensorListPushBackBatch TensorListReserve TensorListResize
TensorListScatter TensorListScatterIntoExistingList TensorListScatterV2 TensorListSetItem
TensorListSplit TensorListStack TensorMapErase TensorMapHasKey TensorMapInsert TensorMapLookup
TensorMapSize TensorMapStackKeys TensorScatterAdd TensorScatterMax TensorScatterMin TensorScatterSub
TensorScatterUpdate TensorSliceDataset TensorStridedSliceUpdate TensorSummary TensorSummaryV2
TextLineDataset TextLineReader TextLineReaderV2 ThreadPoolDataset ThreadPoolHandle
ThreadUnsafeUnigramCandidateSampler Tile TileGrad Timestamp ToBool TopK TopKV2 Transpose
TridiagonalMatMul TridiagonalSolve TruncateDiv TruncateMod TruncatedNormal Unbatch UnbatchDataset
UnbatchGrad UncompressElement UnicodeDecode UnicodeDecodeWithOffsets UnicodeEncode UnicodeScript
UnicodeTranscode UniformCandidateSampler UniformDequantize UniformQuantize UniformQuantizedAdd
UniformQuantizedClipByValue UniformQuantizedConvolution UniformQuantizedConvolutionHybrid
UniformQuantizedDot UniformQuantizedDotHybrid UniformRequantize Unique UniqueDataset UniqueV2
UniqueWithCounts UniqueWithCountsV2 Unpack UnravelIndex UnsortedSegmentJoin UnsortedSegmentMax
UnsortedSegmentMin UnsortedSegmentProd UnsortedSegmentSum Unstage UnwrapDatasetVariant UpperBound
VarHandleOp VarIsInitializedOp Variable VariableShape VariableV2 Where While WholeFileReader
WholeFileReaderV2 WindowDataset WindowOp WorkerHeartbeat WrapDatasetVariant WriteAudioSummary WriteFile
WriteGraphSummary WriteHistogramSummary WriteImageSummary WriteRawProtoSummary WriteScalarSummary
WriteSummary Xdivy XlaConcatND XlaSplitND Xlog1py Xlogy ZerosLike Zeta ZipDataset
`

/** Registered internal ops that appear in exported or optimised graphs. */
const INTERNAL_OPS =
  '_Arg _Retval _DeviceArg _DeviceRetval _FusedConv2D _FusedMatMul _FusedBatchNormEx _FusedDepthwiseConv2dNative'

export const TF_KNOWN_OPS: ReadonlySet<string> = new Set(
  `${RAW_OPS} ${INTERNAL_OPS}`.split(/\s+/).filter((s) => s !== '')
)

export interface SavedModelLimits {
  /** NodeDefs counted over all graphs and functions. */
  readonly maxNodes?: number
  /** Unsafe-op occurrences listed one by one (all are still counted in `ops`). */
  readonly maxOccurrences?: number
  readonly maxProblems?: number
}

export interface TfProblem {
  readonly code: ProtoProblemCode
  readonly detail: string
}

export interface TfOpCount {
  readonly op: string
  readonly count: number
  /** In TF_KNOWN_OPS. */
  readonly known: boolean
  /** Names a function of the graph's own library: a call, resolved inside the file, not a primitive op. */
  readonly functionCall: boolean
  readonly unsafe?: TfUnsafeOp
}

export interface TfUnsafeOccurrence {
  readonly op: string
  /** The table's severity, raised to high for a PrintV2 writing to a file:// stream. */
  readonly severity: TfOpSeverity
  readonly node: string
  /** 'graph' or 'function:<name>'. */
  readonly where: string
  /**
   * Inside TensorFlow's saver code by name: a `__inference__traced_save_N` / `__inference__traced_restore_N`
   * function (TF2) or a `save/`, `save_N/` node scope (TF1 Saver). Names are chosen by whoever wrote the file,
   * so this only separates the ordinary case from the unusual one; it proves nothing.
   */
  readonly saverContext: boolean
  readonly detail?: string
}

export interface SavedModelReport {
  readonly schemaVersion?: number
  readonly metaGraphCount: number
  readonly nodeCount: number
  /** Every op name used by a NodeDef anywhere, with its count. */
  readonly ops: readonly TfOpCount[]
  /** Names of the functions in the graphs' libraries. */
  readonly functions: readonly string[]
  readonly unsafeOps: readonly TfUnsafeOccurrence[]
  readonly unsafeOpsTruncated: boolean
  /** Op names that are neither in TF_KNOWN_OPS nor functions of the file's own library. */
  readonly unknownOps: readonly string[]
  readonly problems: readonly TfProblem[]
}

const DEFAULTS = { maxNodes: 5_000_000, maxOccurrences: 1000, maxProblems: 100 }

const SAVER_FUNCTION = /^__inference__traced_(save|restore)_\d+$/
const SAVER_SCOPE = /^save(_\d+)?\//

class TfWalker extends ProtoWalker {
  readonly limits: typeof DEFAULTS
  readonly counts = new Map<string, number>()
  readonly functions = new Set<string>()
  readonly occurrences: TfUnsafeOccurrence[] = []
  occurrencesTruncated = false
  nodeCount = 0
  metaGraphCount = 0
  schemaVersion?: number

  constructor(limits: SavedModelLimits) {
    super(limits.maxProblems ?? DEFAULTS.maxProblems)
    this.limits = { ...DEFAULTS, ...limits }
  }

  savedModel(buf: Buffer): void {
    this.guard('SavedModel', () => {
      for (const f of fields(buf)) {
        if (f.no === SavedModel.saved_model_schema_version) this.schemaVersion = int(f)
        else if (f.no === SavedModel.meta_graphs) {
          this.metaGraphCount++
          const mg = sub(f)
          this.guard('MetaGraphDef', () => {
            for (const g of fields(mg)) if (g.no === MetaGraphDef.graph_def) this.graphDef(sub(g))
          })
        }
      }
    })
  }

  graphDef(buf: Buffer): void {
    this.guard('GraphDef', () => {
      for (const f of fields(buf)) {
        if (f.no === GraphDef.node) this.node(sub(f), 'graph', false)
        else if (f.no === GraphDef.library) this.library(sub(f))
      }
    })
  }

  library(buf: Buffer): void {
    this.guard('FunctionDefLibrary', () => {
      for (const f of fields(buf)) if (f.no === FunctionDefLibrary.function) this.func(sub(f))
    })
  }

  func(buf: Buffer): void {
    this.guard('FunctionDef', () => {
      let name = ''
      const nodes: Buffer[] = []
      for (const f of fields(buf)) {
        if (f.no === FunctionDef.signature) {
          for (const g of fields(sub(f))) if (g.no === OpDef.name) name = str(g, 512)
        } else if (f.no === FunctionDef.node_def) nodes.push(sub(f))
      }
      this.functions.add(name)
      const saver = SAVER_FUNCTION.test(name)
      for (const n of nodes) this.node(n, `function:${name}`, saver)
    })
  }

  node(buf: Buffer, where: string, saverFunction: boolean): void {
    if (++this.nodeCount > this.limits.maxNodes) {
      this.problem('LIMIT', `more than ${this.limits.maxNodes} nodes`)
      throw new ProtoLimitReached()
    }
    this.guard(`${where}/node`, () => {
      let name = ''
      let op = ''
      let outputStream: string | undefined
      for (const f of fields(buf)) {
        if (f.no === NodeDef.name) name = str(f, 512)
        else if (f.no === NodeDef.op) op = str(f, 512)
        else if (f.no === NodeDef.attr) outputStream ??= printTarget(sub(f))
      }
      this.counts.set(op, (this.counts.get(op) ?? 0) + 1)
      const unsafe = TF_UNSAFE_OP_INFO.get(op)
      if (!unsafe) return
      if (this.occurrences.length >= this.limits.maxOccurrences) {
        this.occurrencesTruncated = true
        return
      }
      const toFile = op === 'PrintV2' && outputStream?.startsWith('file://') === true
      this.occurrences.push({
        op,
        severity: toFile ? 'high' : unsafe.severity,
        node: name,
        where,
        saverContext: saverFunction || (where === 'graph' && SAVER_SCOPE.test(name)),
        ...(toFile ? { detail: `output_stream ${outputStream}` } : {})
      })
    })
  }

  report(): SavedModelReport {
    const ops: TfOpCount[] = [...this.counts.entries()]
      .map(([op, count]) => {
        const unsafe = TF_UNSAFE_OP_INFO.get(op)
        return {
          op,
          count,
          known: TF_KNOWN_OPS.has(op),
          functionCall: this.functions.has(op),
          ...(unsafe ? { unsafe } : {})
        }
      })
      .sort((a, b) => (a.op < b.op ? -1 : a.op > b.op ? 1 : 0))
    return {
      ...(this.schemaVersion !== undefined ? { schemaVersion: this.schemaVersion } : {}),
      metaGraphCount: this.metaGraphCount,
      nodeCount: this.nodeCount,
      ops,
      functions: [...this.functions].sort(),
      unsafeOps: this.occurrences,
      unsafeOpsTruncated: this.occurrencesTruncated,
      unknownOps: ops.filter((o) => !o.known && !o.functionCall).map((o) => o.op),
      problems: this.problems
    }
  }
}

/** The `output_stream` string of a NodeDef attr map entry, when that is the entry. */
function printTarget(entry: Buffer): string | undefined {
  let key = ''
  let value: Buffer | undefined
  for (const f of fields(entry)) {
    if (f.no === MapEntry.key) key = str(f, 256)
    else if (f.no === MapEntry.value) value = sub(f)
  }
  if (key !== 'output_stream' || value === undefined) return undefined
  for (const f of fields(value)) if (f.no === AttrValue.s) return str(f, 1024)
  return undefined
}

function run(buf: Buffer, limits: SavedModelLimits, entry: (w: TfWalker) => void): SavedModelReport {
  const w = new TfWalker(limits)
  try {
    entry(w)
  } catch (e) {
    if (!(e instanceof ProtoLimitReached)) throw e
  }
  if (buf.length === 0) w.problem('TRUNCATED', 'empty file')
  return w.report()
}

/**
 * Inspects a `saved_model.pb`. Pure and synchronous: malformed input becomes `problems` next to what was read
 * before the fault; it never throws for bad input. Every op of every meta graph, graph and library function
 * is counted.
 */
export function inspectSavedModel(buf: Buffer, limits: SavedModelLimits = {}): SavedModelReport {
  const r = run(buf, limits, (w) => w.savedModel(buf))
  if (buf.length > 0 && r.metaGraphCount === 0 && r.problems.length === 0) {
    return { ...r, problems: [{ code: 'BAD_WIRE', detail: 'not a SavedModel: it has no meta graph' }] }
  }
  return r
}

/** Inspects a bare GraphDef (a frozen `.pb` graph), with the same report as `inspectSavedModel`. */
export function inspectGraphDef(buf: Buffer, limits: SavedModelLimits = {}): SavedModelReport {
  return run(buf, limits, (w) => w.graphDef(buf))
}

export interface KerasMetadataNode {
  readonly nodeId?: number
  readonly nodePath: string
  /** `_tf_keras_layer`, `_tf_keras_model`, `_tf_keras_sequential`, … */
  readonly identifier: string
  /** The JSON text as stored (not parsed: callers parse it with their own limits). */
  readonly metadata: string
}

export interface KerasMetadataReport {
  readonly nodes: readonly KerasMetadataNode[]
  readonly problems: readonly TfProblem[]
}

export interface KerasMetadataLimits {
  readonly maxNodes?: number
  /** Metadata text kept over all nodes; past it the report says LIMIT instead of silently cutting JSON. */
  readonly maxMetadataBytes?: number
}

/**
 * The per-object JSON metadata of a SavedModel's `keras_metadata.pb` (Keras layer configs, including Lambda
 * layers: JFrog's TFLOW-LAMBDA). Never throws for bad input.
 */
export function inspectKerasMetadata(buf: Buffer, limits: KerasMetadataLimits = {}): KerasMetadataReport {
  const maxNodes = limits.maxNodes ?? 1_000_000
  let budget = limits.maxMetadataBytes ?? 256 * 1024 * 1024
  const nodes: KerasMetadataNode[] = []
  const problems: TfProblem[] = []
  if (buf.length === 0) problems.push({ code: 'TRUNCATED', detail: 'empty file' })
  try {
    for (const f of fields(buf)) {
      if (f.no !== SavedMetadata.nodes) continue
      if (nodes.length >= maxNodes) throw new ProtoError('LIMIT', `more than ${maxNodes} nodes`)
      let nodeId: number | undefined
      let nodePath = ''
      let identifier = ''
      let metadata = ''
      for (const g of fields(sub(f))) {
        if (g.no === SavedObject.node_id) nodeId = int(g)
        else if (g.no === SavedObject.node_path) nodePath = str(g, 4096)
        else if (g.no === SavedObject.identifier) identifier = str(g, 256)
        else if (g.no === SavedObject.metadata) {
          budget -= g.bytes.length
          if (budget < 0) throw new ProtoError('LIMIT', 'metadata larger than the limit')
          metadata = g.bytes.toString('utf8')
        }
      }
      nodes.push({ ...(nodeId !== undefined ? { nodeId } : {}), nodePath, identifier, metadata })
    }
  } catch (e) {
    if (!(e instanceof ProtoError)) throw e
    problems.push({ code: e.code, detail: `SavedMetadata: ${e.message}` })
  }
  return { nodes, problems }
}
