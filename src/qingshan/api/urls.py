from ninja import NinjaAPI

from .plans import router as plans_router

api = NinjaAPI(
    title="青山 qingshan API",
    version="1",
    description="生态文明建设行动方案：方案、章节、任务、目标与责任单位（只读，公开数据）。",
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/", plans_router)
