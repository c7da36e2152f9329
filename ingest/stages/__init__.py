"""Pipeline stages in order: extract, enrich, anonymize, index."""

from core.types import Stage
from ingest.stages.anonymize import Anonymize
from ingest.stages.base import StageUnit
from ingest.stages.enrich import Enrich
from ingest.stages.extract import Extract
from ingest.stages.index import Index

STAGES: dict[Stage, StageUnit] = {
    Stage.EXTRACT: Extract(),
    Stage.ENRICH: Enrich(),
    Stage.ANONYMIZE: Anonymize(),
    Stage.INDEX: Index(),
}

__all__ = ["STAGES", "StageUnit"]
