"""Contains all the data models used in inputs/outputs"""

from .alias_create import AliasCreate
from .column_options import ColumnOptions
from .column_options_impute_type_0 import ColumnOptionsImputeType0
from .column_options_type_type_0 import ColumnOptionsTypeType0
from .column_stats import ColumnStats
from .column_stats_top_values_type_0_item import ColumnStatsTopValuesType0Item
from .column_stats_type import ColumnStatsType
from .cost_history import CostHistory
from .cost_history_row import CostHistoryRow
from .dataframe_split import DataframeSplit
from .dataset_list import DatasetList
from .dataset_read import DatasetRead
from .dataset_records_upload import DatasetRecordsUpload
from .dataset_records_upload_records_item import DatasetRecordsUploadRecordsItem
from .dataset_rows_upload import DatasetRowsUpload
from .describe_problem_kind import DescribeProblemKind
from .encoding import Encoding
from .encoding_columns import EncodingColumns
from .encoding_numeric_impute import EncodingNumericImpute
from .evaluate_request import EvaluateRequest
from .evaluate_response import EvaluateResponse
from .evaluate_response_metrics import EvaluateResponseMetrics
from .export_model_format import ExportModelFormat
from .get_cost_history_format_type_0 import GetCostHistoryFormatType0
from .hyperparameters import Hyperparameters
from .hyperparameters_activation import HyperparametersActivation
from .hyperparameters_class_weight_type_0 import HyperparametersClassWeightType0
from .hyperparameters_class_weight_type_1 import HyperparametersClassWeightType1
from .hyperparameters_dtype import HyperparametersDtype
from .hyperparameters_early_stopping_metric import HyperparametersEarlyStoppingMetric
from .hyperparameters_init import HyperparametersInit
from .hyperparameters_lr_schedule import HyperparametersLrSchedule
from .hyperparameters_optimizer import HyperparametersOptimizer
from .job_create import JobCreate
from .job_create_task_type_0 import JobCreateTaskType0
from .job_list import JobList
from .job_read import JobRead
from .job_read_columns_type_0_item import JobReadColumnsType0Item
from .job_read_encoding_type_0 import JobReadEncodingType0
from .job_read_hyperparameters import JobReadHyperparameters
from .job_read_replay_type_0 import JobReadReplayType0
from .job_read_task import JobReadTask
from .job_status import JobStatus
from .leaderboard_row import LeaderboardRow
from .leaderboard_row_parameters import LeaderboardRowParameters
from .liveness import Liveness
from .liveness_status import LivenessStatus
from .model_list import ModelList
from .model_name_read import ModelNameRead
from .model_name_read_aliases import ModelNameReadAliases
from .model_read import ModelRead
from .model_read_architecture import ModelReadArchitecture
from .model_read_hyperparameters import ModelReadHyperparameters
from .model_read_input_columns_item import ModelReadInputColumnsItem
from .model_read_metrics import ModelReadMetrics
from .model_read_preprocessing import ModelReadPreprocessing
from .model_read_reproducibility_type_0 import ModelReadReproducibilityType0
from .model_read_task import ModelReadTask
from .model_registration import ModelRegistration
from .model_version_read import ModelVersionRead
from .model_version_read_metrics import ModelVersionReadMetrics
from .model_version_read_task import ModelVersionReadTask
from .plot_cost_history_image_format import PlotCostHistoryImageFormat
from .predict_by_dataframe_records import PredictByDataframeRecords
from .predict_by_dataframe_records_dataframe_records_item import PredictByDataframeRecordsDataframeRecordsItem
from .predict_by_dataframe_records_params_type_0 import PredictByDataframeRecordsParamsType0
from .predict_by_dataframe_split import PredictByDataframeSplit
from .predict_by_dataframe_split_params_type_0 import PredictByDataframeSplitParamsType0
from .predict_by_inputs import PredictByInputs
from .predict_by_inputs_inputs_type_0_item_type_1 import PredictByInputsInputsType0ItemType1
from .predict_by_inputs_inputs_type_1 import PredictByInputsInputsType1
from .predict_by_inputs_params_type_0 import PredictByInputsParamsType0
from .predict_by_instances import PredictByInstances
from .predict_by_instances_instances_item_type_1 import PredictByInstancesInstancesItemType1
from .predict_by_instances_params_type_0 import PredictByInstancesParamsType0
from .predict_by_records import PredictByRecords
from .predict_by_records_params_type_0 import PredictByRecordsParamsType0
from .predict_by_records_records_item import PredictByRecordsRecordsItem
from .predict_response import PredictResponse
from .predict_warning import PredictWarning
from .problem import Problem
from .problem_field import ProblemField
from .progress import Progress
from .readiness import Readiness
from .readiness_database import ReadinessDatabase
from .readiness_status import ReadinessStatus
from .search import Search
from .search_method import SearchMethod
from .search_parameters import SearchParameters
from .search_parameters_range import SearchParametersRange
from .sweep_counts import SweepCounts
from .sweep_create import SweepCreate
from .sweep_create_metric_type_0 import SweepCreateMetricType0
from .sweep_create_task_type_0 import SweepCreateTaskType0
from .sweep_list import SweepList
from .sweep_read import SweepRead
from .sweep_read_hyperparameters import SweepReadHyperparameters
from .sweep_read_metric import SweepReadMetric
from .sweep_read_search import SweepReadSearch
from .sweep_read_status import SweepReadStatus
from .sweep_read_task import SweepReadTask
from .upload_dataset_delimiter_type_0 import UploadDatasetDelimiterType0
from .upload_dataset_files_body import UploadDatasetFilesBody
from .upload_dataset_json_body_type_2_item import UploadDatasetJsonBodyType2Item

__all__ = (
    "AliasCreate",
    "ColumnOptions",
    "ColumnOptionsImputeType0",
    "ColumnOptionsTypeType0",
    "ColumnStats",
    "ColumnStatsTopValuesType0Item",
    "ColumnStatsType",
    "CostHistory",
    "CostHistoryRow",
    "DataframeSplit",
    "DatasetList",
    "DatasetRead",
    "DatasetRecordsUpload",
    "DatasetRecordsUploadRecordsItem",
    "DatasetRowsUpload",
    "DescribeProblemKind",
    "Encoding",
    "EncodingColumns",
    "EncodingNumericImpute",
    "EvaluateRequest",
    "EvaluateResponse",
    "EvaluateResponseMetrics",
    "ExportModelFormat",
    "GetCostHistoryFormatType0",
    "Hyperparameters",
    "HyperparametersActivation",
    "HyperparametersClassWeightType0",
    "HyperparametersClassWeightType1",
    "HyperparametersDtype",
    "HyperparametersEarlyStoppingMetric",
    "HyperparametersInit",
    "HyperparametersLrSchedule",
    "HyperparametersOptimizer",
    "JobCreate",
    "JobCreateTaskType0",
    "JobList",
    "JobRead",
    "JobReadColumnsType0Item",
    "JobReadEncodingType0",
    "JobReadHyperparameters",
    "JobReadReplayType0",
    "JobReadTask",
    "JobStatus",
    "LeaderboardRow",
    "LeaderboardRowParameters",
    "Liveness",
    "LivenessStatus",
    "ModelList",
    "ModelNameRead",
    "ModelNameReadAliases",
    "ModelRead",
    "ModelReadArchitecture",
    "ModelReadHyperparameters",
    "ModelReadInputColumnsItem",
    "ModelReadMetrics",
    "ModelReadPreprocessing",
    "ModelReadReproducibilityType0",
    "ModelReadTask",
    "ModelRegistration",
    "ModelVersionRead",
    "ModelVersionReadMetrics",
    "ModelVersionReadTask",
    "PlotCostHistoryImageFormat",
    "PredictByDataframeRecords",
    "PredictByDataframeRecordsDataframeRecordsItem",
    "PredictByDataframeRecordsParamsType0",
    "PredictByDataframeSplit",
    "PredictByDataframeSplitParamsType0",
    "PredictByInputs",
    "PredictByInputsInputsType0ItemType1",
    "PredictByInputsInputsType1",
    "PredictByInputsParamsType0",
    "PredictByInstances",
    "PredictByInstancesInstancesItemType1",
    "PredictByInstancesParamsType0",
    "PredictByRecords",
    "PredictByRecordsParamsType0",
    "PredictByRecordsRecordsItem",
    "PredictResponse",
    "PredictWarning",
    "Problem",
    "ProblemField",
    "Progress",
    "Readiness",
    "ReadinessDatabase",
    "ReadinessStatus",
    "Search",
    "SearchMethod",
    "SearchParameters",
    "SearchParametersRange",
    "SweepCounts",
    "SweepCreate",
    "SweepCreateMetricType0",
    "SweepCreateTaskType0",
    "SweepList",
    "SweepRead",
    "SweepReadHyperparameters",
    "SweepReadMetric",
    "SweepReadSearch",
    "SweepReadStatus",
    "SweepReadTask",
    "UploadDatasetDelimiterType0",
    "UploadDatasetFilesBody",
    "UploadDatasetJsonBodyType2Item",
)
