from ninja import NinjaAPI

from .monitoring import router as monitoring_router
from .plans import router as plans_router
from .polluters import router as polluters_router
from .progress import router as progress_router
from .reporting import router as reporting_router
from .tipoffs import router as tipoffs_router

api = NinjaAPI(
    title="青山 qingshan API",
    version="1",
    description=(
        "生态文明建设行动方案：方案、章节、任务、目标与责任单位，目标与任务的进展状态、"
        "指标数值及其出处、已公布的考核结果（公开，只读）；"
        "各单位凭 API 令牌读取本单位的进展报告、版本和处理记录，并保存草稿。"
    ),
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/", plans_router)
api.add_router("/", reporting_router)
api.add_router("/", monitoring_router)
api.add_router("/", progress_router)
api.add_router("/", polluters_router)
api.add_router("/", tipoffs_router)
